package io.cqrsconnect.testing.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/**
 * The layout every module keeps, checked by a small {@code ArchitectureTest} in each module against its own main
 * classes: a package is a room, so rooms do not depend on each other in a circle; no {@code Util}, {@code Utils},
 * {@code Helper} or {@code Helpers} dumping grounds; the kits never depend on a connector, which would make every
 * connector carry every other; and the common kit never depends on the JDBC kit ({@code io.cqrsconnect.jdbc.common}),
 * which only the JDBC plugins ship.
 */
public final class ArchitectureRules {

    private static final String[] CONNECTORS = {"io.cqrsconnect.jdbc.sink..", "io.cqrsconnect.jdbc.source..",
        "io.cqrsconnect.elasticsearch..", "io.cqrsconnect.rebuild.."};
    private static final String[] KITS = {"io.cqrsconnect.common..", "io.cqrsconnect.jdbc.common.."};

    private ArchitectureRules() {
    }

    /** The main (not test) classes of the module the test runs in, read from its build output. */
    public static JavaClasses mainClasses() {
        return new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    /**
     * Checks the rules on the main classes of the module the test runs in (Maven runs a module's tests in its
     * directory). Every package is a slice of its own, the module's top-level package included, so a connector
     * class that its own sub-packages call back into shows as a cycle too.
     *
     * @throws AssertionError listing every violation
     */
    public static void check() {
        JavaClasses classes = mainClasses();
        slices().matching("io.cqrsconnect.(**)").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
        noClasses().should().haveSimpleNameEndingWith("Util").orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Helper").orShould().haveSimpleNameEndingWith("Helpers")
                .allowEmptyShould(true).check(classes);
        noClasses().that().resideInAnyPackage(KITS).should().dependOnClassesThat()
                .resideInAnyPackage(CONNECTORS).allowEmptyShould(true).check(classes);
        noClasses().that().resideInAPackage("io.cqrsconnect.common..").should().dependOnClassesThat()
                .resideInAPackage("io.cqrsconnect.jdbc.common..").allowEmptyShould(true).check(classes);
    }
}
