package io.cqrsconnect.common.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A connector's cross-field rules, each with the keys it reads, run so that every problem is found in one pass: a rule
 * adds its problems (on the key the user has to change) instead of throwing, and a rule one of whose keys holds an
 * invalid value is skipped, since that value's own problem is already reported and the rule would only judge the
 * default that stands in for it ({@link PartiallyValidConfig}).
 *
 * @param <C> the connector's typed configuration
 */
public final class ConfigRules<C> {

    private record Rule<C>(Set<String> inputs, BiConsumer<C, ConfigProblems> check) {
    }

    private final List<Rule<C>> rules = new ArrayList<>();

    /**
     * Adds a rule.
     *
     * @param inputs the keys the rule reads
     * @param check  adds the rule's problems, if any
     */
    public ConfigRules<C> add(Collection<String> inputs, BiConsumer<C, ConfigProblems> check) {
        rules.add(new Rule<>(Set.copyOf(inputs), check));
        return this;
    }

    /** Runs every rule whose inputs are all valid. */
    public void check(C config, Set<String> invalidKeys, ConfigProblems problems) {
        for (Rule<C> rule : rules) {
            if (rule.inputs().stream().noneMatch(invalidKeys::contains)) {
                rule.check().accept(config, problems);
            }
        }
    }
}
