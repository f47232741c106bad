package io.cqrsconnect.jdbc.source.discovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.cqrsconnect.jdbc.common.SchemaSupport;
import io.cqrsconnect.jdbc.common.SourceDialect;
import io.cqrsconnect.jdbc.common.TableDefinitions;
import io.cqrsconnect.jdbc.source.config.JdbcSourceConnectorConfig;

/**
 * The schemas (on MySQL/MariaDB the databases) the connection's user can see, as the database stores their names,
 * without the databases' own system schemas, which are never captured. Add a database's system schema here.
 */
final class SchemaListing {

    private static final Set<String> SYSTEM = Set.of("information_schema", "pg_catalog", "mysql",
            "performance_schema", "sys");

    private SchemaListing() {
    }

    static List<String> schemas(Connection connection, SourceDialect dialect) throws SQLException {
        if (dialect.schemaSupport() == SchemaSupport.NONE) {
            throw new SQLException("this database has no schemas: leave "
                    + JdbcSourceConnectorConfig.SCHEMA_INCLUDE_LIST_CONFIG + " and "
                    + JdbcSourceConnectorConfig.SCHEMA_EXCLUDE_LIST_CONFIG + " empty", "42000");
        }
        List<String> names = TableDefinitions.schemaNames(connection, dialect.schemaSupport());
        return names.stream().filter(name -> !isSystem(name)).sorted().toList();
    }

    private static boolean isSystem(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return SYSTEM.contains(lower) || lower.startsWith("pg_toast") || lower.startsWith("pg_temp");
    }
}
