package io.cqrsconnect.jdbc.source;

import io.cqrsconnect.testing.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** This module's main classes keep the layout every module keeps ({@link ArchitectureRules}). */
class ArchitectureTest {

    @Test
    void packagesFormNoCyclesAndNothingIsAUtilityDumpingGround() {
        ArchitectureRules.check();
    }
}
