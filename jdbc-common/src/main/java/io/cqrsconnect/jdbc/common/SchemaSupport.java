package io.cqrsconnect.jdbc.common;

/**
 * What the qualifier of a qualified table name ({@code readmodels.orders}) is in a database, and so where JDBC
 * metadata looks for it.
 */
public enum SchemaSupport {
    /** A schema inside the connection's database (PostgreSQL, H2, standard SQL): metadata's schema argument. */
    SCHEMA,
    /** Another database on the same server (MySQL, MariaDB): metadata's catalog argument. */
    CATALOG,
    /** The database has no schemas (SQLite): every table name is unqualified. */
    NONE
}
