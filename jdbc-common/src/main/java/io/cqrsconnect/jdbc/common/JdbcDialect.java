package io.cqrsconnect.jdbc.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What every connector needs from a database, whichever way data flows: its name, its identifier rules, a SQL
 * builder that applies them, table metadata, and the meaning of its errors. Sources and sinks each extend this with
 * the capabilities they need ({@link SinkDialect}); a dialect implements the capabilities its database has.
 *
 * <p>Dialects are stateless and thread-safe; they are found with {@link DialectProvider} and {@link Dialects}.
 */
public interface JdbcDialect {

    /** The name users give in {@code dialect.name}, e.g. {@code PostgreSqlDialect}. */
    String name();

    /** How this database quotes, folds and limits identifiers. */
    IdentifierRules identifierRules();

    /** A new builder for one statement, quoting by this dialect's rules. */
    default SqlBuilder sql() {
        return new SqlBuilder(identifierRules());
    }

    /** How this database's errors are classified: retry, blame a record, or fail. */
    SqlErrorClassifier errors();

    /**
     * Driver properties this dialect adds to the user's for speed or correctness (e.g. batch rewriting). The
     * user's properties and URL parameters win; these are defaults.
     */
    default Properties defaultConnectionProperties() {
        return new Properties();
    }

    /**
     * Statements run on every new connection before it is used, to make the session refuse values it would
     * otherwise change without a word (MySQL's non-strict modes truncate and clamp). None by default.
     */
    default List<String> sessionStatements() {
        return List.of();
    }

    /** What qualifies a table name in this database: a schema, a database, or nothing. */
    default SchemaSupport schemaSupport() {
        return SchemaSupport.SCHEMA;
    }

    /**
     * The table with this name (in the connection's current catalog and schema when unqualified), or empty when
     * there is none or its schema does not exist.
     */
    default Optional<TableDefinition> describeTable(Connection connection, TableId table) throws SQLException {
        return TableDefinitions.read(connection, identifierRules(), schemaSupport(), table);
    }

    /** The columns of each unique index of a described table ({@link TableDefinitions#uniqueIndexes}). */
    default List<List<String>> uniqueIndexes(Connection connection, TableDefinition table) throws SQLException {
        return TableDefinitions.uniqueIndexes(connection, identifierRules(), schemaSupport(), table);
    }

    /** The names of the tables in a schema (null: the current one), as stored; empty when it does not exist. */
    default List<String> tableNames(Connection connection, String schema) throws SQLException {
        return TableDefinitions.tableNames(connection, identifierRules(), schemaSupport(), schema);
    }

    /**
     * A schema's name as the database stores it, or empty when the schema does not exist.
     *
     * @throws IllegalArgumentException when this database has no schemas ({@link SchemaSupport#NONE})
     */
    default Optional<String> storedSchema(Connection connection, String schema) throws SQLException {
        return TableDefinitions.storedSchema(connection, identifierRules(), schemaSupport(), schema);
    }
}
