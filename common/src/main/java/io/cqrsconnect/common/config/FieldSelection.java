package io.cqrsconnect.common.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Which top-level value fields a sink writes and under which names: {@code field.include.list} (empty: all),
 * {@code field.exclude.list}, and {@code field.renames} as {@code old:new} pairs. Every sink reads the three
 * settings here, so they parse, fail and select the same way: a field both included and excluded is a problem on
 * {@code field.exclude.list}, a malformed pair or two fields renamed to one name a problem on
 * {@code field.renames}, and a field another setting needs (a key or version field) that the selection drops is a
 * problem on that setting.
 *
 * <p>{@link #project(Struct)} and {@link #project(Schema)} give the value as the store should see it, so whatever is
 * built from the value (a document and the mapping derived from its schema, a row and its columns) agrees on the
 * fields and their names. Projected schemas are cached; an instance is safe to share between threads.
 */
public final class FieldSelection {

    public static final String FIELD_INCLUDE_LIST_CONFIG = "field.include.list";
    public static final String FIELD_EXCLUDE_LIST_CONFIG = "field.exclude.list";
    public static final String FIELD_RENAMES_CONFIG = "field.renames";
    /** Projections kept before the cache starts over (schemaless records can bring a new schema each). */
    private static final int MAX_CACHED_SCHEMAS = 1_000;

    private final Set<String> include;
    private final Set<String> exclude;
    private final Map<String, String> renames;
    private final Map<Schema, Schema> projections = new ConcurrentHashMap<>();
    /** The last projection, compared by identity: converters hand out one schema instance for a run of records. */
    private volatile Projection last;

    private record Projection(Schema from, Schema to) {
    }

    private FieldSelection(Set<String> include, Set<String> exclude, Map<String, String> renames) {
        this.include = include;
        this.exclude = exclude;
        this.renames = renames;
    }

    /** The selection that keeps every field under its own name. */
    public static FieldSelection all() {
        return new FieldSelection(Set.of(), Set.of(), Map.of());
    }

    /** Reads the three settings of a configuration that defines them as lists; problems go to {@code problems}. */
    public static FieldSelection of(AbstractConfig config, ConfigProblems problems) {
        return of(config.getList(FIELD_INCLUDE_LIST_CONFIG), config.getList(FIELD_EXCLUDE_LIST_CONFIG),
                config.getList(FIELD_RENAMES_CONFIG), problems);
    }

    /**
     * Parses the three settings' values. A broken value is recorded on its key and left out (a malformed rename is
     * ignored), so the rest of a configuration can still be checked.
     */
    public static FieldSelection of(List<String> include, List<String> exclude, List<String> rename,
                                    ConfigProblems problems) {
        Set<String> included = names(include);
        Set<String> excluded = names(exclude);
        Set<String> both = new LinkedHashSet<>(included);
        both.retainAll(excluded);
        if (!both.isEmpty()) {
            problems.add(FIELD_EXCLUDE_LIST_CONFIG, "fields both included and excluded: " + both + "; remove them from "
                    + FIELD_INCLUDE_LIST_CONFIG + " or from " + FIELD_EXCLUDE_LIST_CONFIG);
        }
        Map<String, String> renames = new LinkedHashMap<>();
        Map<String, String> sourceOfName = new LinkedHashMap<>();
        for (String pair : rename) {
            String[] parts = pair.split(":", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add(FIELD_RENAMES_CONFIG, "each rename is field:new_name, got '" + pair + "'");
                continue;
            }
            String field = parts[0].trim();
            String name = parts[1].trim();
            if (renames.containsKey(field)) {
                problems.add(FIELD_RENAMES_CONFIG, "field '" + field + "' is renamed twice");
                continue;
            }
            String earlier = sourceOfName.putIfAbsent(name, field);
            if (earlier != null) {
                problems.add(FIELD_RENAMES_CONFIG, "fields '" + earlier + "' and '" + field + "' are both renamed "
                        + "to '" + name + "'; one name holds one field");
                continue;
            }
            renames.put(field, name);
        }
        return new FieldSelection(Collections.unmodifiableSet(included), Collections.unmodifiableSet(excluded),
                Collections.unmodifiableMap(renames));
    }

    private static Set<String> names(List<String> values) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            if (!value.isBlank()) {
                names.add(value.trim());
            }
        }
        return names;
    }

    /** Whether the top-level field of this name is written. */
    public boolean keeps(String field) {
        return !exclude.contains(field) && (include.isEmpty() || include.contains(field));
    }

    /** Whether {@code field.exclude.list} names the field (a top-level name, or a flattened one). */
    public boolean excludes(String field) {
        return exclude.contains(field);
    }

    /**
     * Whether a field of a nested struct is written, for a sink that writes such fields as columns of their own
     * under a flattened name (parent, separator, child: {@code address_city}): {@code field.exclude.list} drops
     * it by its flattened name or by its top-level field, and a non-empty {@code field.include.list} keeps it by
     * either.
     *
     * @param topLevel      the top-level field the nested field is in
     * @param flattenedName the field's flattened name
     */
    public boolean keepsFlattened(String topLevel, String flattenedName) {
        if (exclude.contains(flattenedName) || exclude.contains(topLevel)) {
            return false;
        }
        return include.isEmpty() || include.contains(flattenedName) || include.contains(topLevel);
    }

    /** The name a kept top-level field is written under. */
    public String nameOf(String field) {
        return renames.getOrDefault(field, field);
    }

    /** New names by field name, in the order given. */
    public Map<String, String> renames() {
        return renames;
    }

    /** Whether every field is written under its own name, so a value needs no projection. */
    public boolean keepsEverything() {
        return include.isEmpty() && exclude.isEmpty() && renames.isEmpty();
    }

    /**
     * Records a problem on {@code key} for each of its fields the selection drops: {@code key} names value fields
     * (dotted paths, of which the top-level field decides) that must reach the store, such as a key or a version.
     */
    public void requireKept(String key, Collection<String> fields, ConfigProblems problems) {
        require(key, fields, problems, true);
    }

    /**
     * Records a problem on {@code key} for each of its fields that {@code field.exclude.list} names, for a sink that
     * writes the fields {@code key} names whether {@code field.include.list} lists them or not (the JDBC sink
     * writes its key and version columns always).
     */
    public void requireNotExcluded(String key, Collection<String> fields, ConfigProblems problems) {
        require(key, fields, problems, false);
    }

    private void require(String key, Collection<String> fields, ConfigProblems problems, boolean byInclude) {
        for (String path : fields) {
            String field = path.split("\\.", 2)[0].trim();
            boolean excluded = exclude.contains(field);
            if (field.isEmpty() || !excluded && (!byInclude || keeps(field))) {
                continue;
            }
            String why = excluded ? "excluded by " + FIELD_EXCLUDE_LIST_CONFIG : "not in " + FIELD_INCLUDE_LIST_CONFIG;
            problems.add(key, "field '" + field + "' is " + why + ", and " + key + " needs it written; keep it (" + why
                    + ") or name another field here");
        }
    }

    /**
     * The value's schema with only the kept fields, under their new names; the schema itself when the selection keeps
     * everything. Nested structs are kept whole.
     *
     * @throws DataException when two fields would have one name (a rename onto a field the value also has)
     */
    public Schema project(Schema schema) {
        if (keepsEverything() || schema == null || schema.type() != Schema.Type.STRUCT) {
            return schema;
        }
        Projection cached = last;
        if (cached != null && cached.from() == schema) {
            return cached.to();
        }
        if (projections.size() > MAX_CACHED_SCHEMAS) {
            projections.clear();
        }
        Schema projected = projections.computeIfAbsent(schema, this::projectUncached);
        last = new Projection(schema, projected);
        return projected;
    }

    private Schema projectUncached(Schema schema) {
        SchemaBuilder builder = SchemaBuilder.struct().name(schema.name()).version(schema.version())
                .doc(schema.doc());
        if (schema.parameters() != null) {
            builder.parameters(schema.parameters());
        }
        if (schema.isOptional()) {
            builder.optional();
        }
        Map<String, String> fieldOfName = new LinkedHashMap<>();
        for (Field field : schema.fields()) {
            if (!keeps(field.name())) {
                continue;
            }
            String name = nameOf(field.name());
            String earlier = fieldOfName.putIfAbsent(name, field.name());
            if (earlier != null) {
                throw new DataException("fields '" + earlier + "' and '" + field.name() + "' would both be written "
                        + "as '" + name + "' (" + FIELD_RENAMES_CONFIG + ")");
            }
            builder.field(name, field.schema());
        }
        return builder.build();
    }

    /**
     * The value with only the kept fields, under their new names; the value itself when the selection keeps
     * everything.
     *
     * @throws DataException when two fields would have one name
     */
    public Struct project(Struct value) {
        if (value == null || keepsEverything()) {
            return value;
        }
        Schema projected = project(value.schema());
        Struct result = new Struct(projected);
        for (Field field : value.schema().fields()) {
            if (keeps(field.name())) {
                result.put(nameOf(field.name()), value.get(field));
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "include " + include + ", exclude " + exclude + ", rename " + renames;
    }
}
