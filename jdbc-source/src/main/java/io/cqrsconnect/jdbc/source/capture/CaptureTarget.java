package io.cqrsconnect.jdbc.source.capture;

import java.util.Map;

import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.SqlBuilder;
import io.cqrsconnect.jdbc.common.TableId;

/**
 * What one reader captures: a table, or the user's query wrapped as a derived table. Its source partition (the key
 * of its offsets) and its topic follow from it.
 */
public sealed interface CaptureTarget {

    /** The derived table's name around a user's query. */
    String QUERY_ALIAS = "cqrs_query";

    /** Appends what follows FROM: the quoted table, or {@code (query) cqrs_query}. */
    SqlBuilder appendFrom(SqlBuilder sql, SourceDialect dialect);

    /** The source partition of this target's records: the key Connect keeps its offsets under. */
    Map<String, String> partition();

    /** The topic of this target's records. */
    String topic(String prefix);

    /** A short name for metrics and logs: the table's name with its schema, or {@code query}. */
    String label();

    /** A table of the database. */
    record Table(TableId id) implements CaptureTarget {
        @Override
        public SqlBuilder appendFrom(SqlBuilder sql, SourceDialect dialect) {
            return sql.table(id);
        }

        @Override
        public Map<String, String> partition() {
            return Map.of("table", id.toString());
        }

        /**
         * The prefix and the table's name ({@code schema.table} for a table of a listed schema), each character a
         * topic name cannot hold made {@code _}.
         */
        @Override
        public String topic(String prefix) {
            String name = id.qualified() ? id.schema() + "." + id.name() : id.name();
            return prefix + name.replaceAll("[^a-zA-Z0-9._-]", "_");
        }

        @Override
        public String label() {
            return id.toString();
        }

        @Override
        public String toString() {
            return "table " + id;
        }
    }

    /** The user's query, never edited: conditions and order go around it. */
    record Query(String sql) implements CaptureTarget {
        @Override
        public SqlBuilder appendFrom(SqlBuilder builder, SourceDialect dialect) {
            return dialect.derivedTable(builder, sql, QUERY_ALIAS);
        }

        @Override
        public Map<String, String> partition() {
            return Map.of("query", QUERY_ALIAS);
        }

        @Override
        public String topic(String prefix) {
            return prefix;
        }

        @Override
        public String label() {
            return "query";
        }

        @Override
        public String toString() {
            return "the query";
        }
    }
}
