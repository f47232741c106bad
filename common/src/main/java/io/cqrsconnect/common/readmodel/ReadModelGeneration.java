package io.cqrsconnect.common.readmodel;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One physical generation of a read model: the logical name readers use ({@code orders}) and the generation number
 * whose table or index holds the data ({@code orders__g3}).
 *
 * <p>The protocol, shared by every sink and by the rebuild: a sink configured with a generation writes to the
 * physical name; the logical name (a view or renamed table on JDBC, an alias on Elasticsearch) points at exactly one
 * generation at a time and is switched atomically by a {@link LogicalNameSwitch} once a newer generation has caught
 * up, so readers never see an empty or half-built model. Generations count up from 1.
 */
public record ReadModelGeneration(String logicalName, int generation) {

    /** Between the logical name and the generation number in a physical name. */
    public static final String SEPARATOR = "__g";

    /** The longest suffix a physical name adds to the logical one: the separator and the largest generation. */
    public static final int MAX_SUFFIX_LENGTH = SEPARATOR.length() + Integer.toString(Integer.MAX_VALUE).length();

    private static final Pattern PHYSICAL = Pattern.compile("(.+)" + Pattern.quote(SEPARATOR) + "([1-9][0-9]{0,8})");

    public ReadModelGeneration {
        if (logicalName == null || logicalName.isEmpty()) {
            throw new IllegalArgumentException("a read model needs a logical name");
        }
        if (generation < 1) {
            throw new IllegalArgumentException("generations count from 1, got " + generation + " for "
                    + logicalName);
        }
    }

    /** The name of the table or index that holds this generation's data. */
    public String physicalName() {
        return logicalName + SEPARATOR + generation;
    }

    /** The generation a rebuild builds next to this one. */
    public ReadModelGeneration next() {
        return new ReadModelGeneration(logicalName, generation + 1);
    }

    /** The generation a physical name stands for, or empty when the name does not follow the protocol. */
    public static Optional<ReadModelGeneration> parse(String physicalName) {
        Matcher matcher = PHYSICAL.matcher(physicalName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ReadModelGeneration(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }

    @Override
    public String toString() {
        return physicalName();
    }
}
