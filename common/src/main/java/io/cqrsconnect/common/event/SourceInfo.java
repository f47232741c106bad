package io.cqrsconnect.common.event;

/**
 * Where a change-data-capture event was captured: the database, schema and table of Debezium's {@code source}
 * block. Sinks use it to route events ({@code ${source.table}}); any part may be null when the source omits it.
 */
public record SourceInfo(String database, String schema, String table) {
}
