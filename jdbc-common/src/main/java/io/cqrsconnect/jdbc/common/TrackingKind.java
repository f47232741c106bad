package io.cqrsconnect.jdbc.common;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * How a column that orders a source's reads (an incrementing id, a timestamp, a key column breaking ties) is kept in
 * a source offset and bound back into the next query. Offsets hold only what Kafka's offset store holds (a
 * {@link Long} or a {@link String}), and each kind turns a column's value into that form and back without loss, so
 * a restart resumes exactly where the last committed record was.
 */
public enum TrackingKind {
    /** Integers, kept as a {@link Long}. */
    INTEGER,
    /** Exact numbers, kept as their plain text. */
    DECIMAL,
    /** Character columns (and SQLite's text timestamps), kept as the text the database holds. */
    TEXT,
    /** A date and time without a zone, kept as ISO-8601 text, in the database's zone ({@code db.timezone}). */
    WALL_CLOCK,
    /** An instant ({@code timestamptz}, {@code TIMESTAMP WITH TIME ZONE}), kept as ISO-8601 text in UTC. */
    INSTANT,
    /**
     * An instant the session shows as its UTC wall clock (MySQL's {@code TIMESTAMP} in a source's UTC session), kept
     * as ISO-8601 text without zone, compared with the horizon in UTC whatever {@code db.timezone} says.
     */
    UTC_CLOCK;

    private static final DateTimeFormatter SQL_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    /** The kind a column is tracked as by standard JDBC, or empty when it cannot order reads. */
    public static Optional<TrackingKind> standard(ResultColumn column) {
        String type = column.baseTypeName();
        return switch (column.jdbcType()) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER -> Optional.of(INTEGER);
            case Types.BIGINT -> Optional.of(column.signed() ? INTEGER : DECIMAL);
            case Types.NUMERIC, Types.DECIMAL -> Optional.of(column.scale() == 0 && column.precision() > 0
                    && column.precision() <= 18 ? INTEGER : DECIMAL);
            case Types.CHAR, Types.VARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGVARCHAR -> Optional.of(TEXT);
            case Types.TIMESTAMP_WITH_TIMEZONE -> Optional.of(INSTANT);
            case Types.TIMESTAMP -> Optional.of(type.contains("tz") || type.contains("with time zone") ? INSTANT
                    : WALL_CLOCK);
            default -> Optional.empty();
        };
    }

    /** True for the kinds a timestamp column can have. */
    public boolean temporal() {
        return this == WALL_CLOCK || this == INSTANT || this == TEXT || this == UTC_CLOCK;
    }

    /** The value of column {@code index} of the current row in its offset form, or null. */
    public Object read(ResultSet row, int index) throws SQLException {
        Object value = switch (this) {
            case INTEGER -> row.getLong(index);
            case DECIMAL -> {
                BigDecimal decimal = row.getBigDecimal(index);
                yield decimal == null ? null : decimal.toPlainString();
            }
            case TEXT -> row.getString(index);
            case WALL_CLOCK, UTC_CLOCK -> {
                LocalDateTime time = row.getObject(index, LocalDateTime.class);
                yield time == null ? null : time.toString();
            }
            case INSTANT -> {
                OffsetDateTime time = row.getObject(index, OffsetDateTime.class);
                yield time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
            }
        };
        return row.wasNull() ? null : value;
    }

    /** Binds a value in its offset form to parameter {@code index}. */
    public void bind(PreparedStatement statement, int index, Object offsetValue) throws SQLException {
        switch (this) {
            case INTEGER -> statement.setLong(index, ((Number) offsetValue).longValue());
            case DECIMAL -> statement.setBigDecimal(index, new BigDecimal(offsetValue.toString()));
            case TEXT -> statement.setString(index, offsetValue.toString());
            case WALL_CLOCK, UTC_CLOCK -> statement.setObject(index, LocalDateTime.parse(offsetValue.toString()));
            case INSTANT -> statement.setObject(index, OffsetDateTime.parse(offsetValue.toString()));
        }
    }

    /**
     * An instant in this kind's offset form, to compare a temporal column with: the wall clock of {@code zone} for
     * columns without a zone, the text SQLite's {@code CURRENT_TIMESTAMP} writes for text.
     *
     * @throws IllegalStateException for a kind that holds no time
     */
    public Object fromInstant(Instant instant, ZoneId zone) {
        return switch (this) {
            case WALL_CLOCK -> LocalDateTime.ofInstant(instant, zone).toString();
            case UTC_CLOCK -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            case INSTANT -> OffsetDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
            case TEXT -> SQL_TEXT.format(LocalDateTime.ofInstant(instant, zone));
            case INTEGER, DECIMAL -> throw new IllegalStateException(this + " holds no time");
        };
    }

    /**
     * The instant a value in this kind's offset form stands for, the inverse of {@link #fromInstant}: how far behind
     * the database's clock a captured timestamp is.
     *
     * @throws IllegalStateException for a kind that holds no time
     */
    public Instant toInstant(Object offsetValue, ZoneId zone) {
        String text = offsetValue.toString();
        return switch (this) {
            case WALL_CLOCK -> LocalDateTime.parse(text).atZone(zone).toInstant();
            case UTC_CLOCK -> LocalDateTime.parse(text).atZone(ZoneOffset.UTC).toInstant();
            case INSTANT -> OffsetDateTime.parse(text).toInstant();
            case TEXT -> LocalDateTime.parse(text.trim().replace(' ', 'T')).atZone(zone).toInstant();
            case INTEGER, DECIMAL -> throw new IllegalStateException(this + " holds no time");
        };
    }

    /** An offset value as read back from Kafka's offset store (JSON numbers may come back as another type). */
    public Object fromStored(Object stored) {
        if (stored == null) {
            return null;
        }
        return this == INTEGER ? Long.valueOf(((Number) stored).longValue()) : stored.toString();
    }
}
