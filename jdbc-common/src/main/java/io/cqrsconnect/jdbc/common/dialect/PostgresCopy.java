package io.cqrsconnect.jdbc.common.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import io.cqrsconnect.jdbc.common.ColumnSpec;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into a table with {@code COPY ... FROM STDIN} in the text format: the bulk-load protocol, which costs
 * the server less CPU per row than an {@code INSERT ... SELECT FROM UNNEST} of the same rows (the benchmark reports
 * hold the numbers). The
 * statement names the table and columns only (quoted by the dialect's builder); the values travel as data, each in
 * PostgreSQL's text input format ({@link PostgresText}) with COPY's escapes. Rows are encoded into one reused buffer
 * and sent in chunks, so a batch never exists twice in memory.
 *
 * <p>The only class that touches pgjdbc's own API, so the dialect loads without the driver on the class path.
 */
final class PostgresCopy {

    private static final int CHUNK = 64 * 1024;

    private PostgresCopy() {
    }

    /** True when the connection is pgjdbc's (a pool's proxy may still unwrap to it). */
    static boolean available(Connection connection) throws SQLException {
        return connection.isWrapperFor(PGConnection.class);
    }

    /**
     * Copies the rows, each an array aligned with {@code columns}.
     *
     * @return the rows the server reports as copied
     */
    static long copy(Connection connection, String copySql, List<ColumnSpec> columns, List<Object[]> rows)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            Buffer buffer = new Buffer();
            for (Object[] row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        buffer.ascii('\t');
                    }
                    buffer.field(PostgresText.of(columns.get(i), row[i]));
                }
                buffer.ascii('\n');
                if (buffer.length >= CHUNK) {
                    copy.writeToCopy(buffer.bytes, 0, buffer.length);
                    buffer.length = 0;
                }
            }
            if (buffer.length > 0) {
                copy.writeToCopy(buffer.bytes, 0, buffer.length);
            }
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A growing byte buffer that writes text fields in UTF-8 with COPY's text-format escapes. */
    private static final class Buffer {
        byte[] bytes = new byte[CHUNK + 1024];
        int length;

        void ascii(char c) {
            ensure(1);
            bytes[length++] = (byte) c;
        }

        /** A field: {@code \N} for NULL; backslash, newline, carriage return and tab escaped; the rest UTF-8. */
        void field(String text) {
            if (text == null) {
                ascii('\\');
                ascii('N');
                return;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    case '\t' -> escape('t');
                    default -> {
                        if (c < 0x80) {
                            ensure(1);
                            bytes[length++] = (byte) c;
                        } else if (c < 0x800) {
                            ensure(2);
                            bytes[length++] = (byte) (0xc0 | c >> 6);
                            bytes[length++] = (byte) (0x80 | c & 0x3f);
                        } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                                && Character.isLowSurrogate(text.charAt(i + 1))) {
                            int point = Character.toCodePoint(c, text.charAt(++i));
                            ensure(4);
                            bytes[length++] = (byte) (0xf0 | point >> 18);
                            bytes[length++] = (byte) (0x80 | point >> 12 & 0x3f);
                            bytes[length++] = (byte) (0x80 | point >> 6 & 0x3f);
                            bytes[length++] = (byte) (0x80 | point & 0x3f);
                        } else if (Character.isSurrogate(c)) {
                            ascii('?'); // a lone surrogate, as String.getBytes(UTF_8) writes it
                        } else {
                            ensure(3);
                            bytes[length++] = (byte) (0xe0 | c >> 12);
                            bytes[length++] = (byte) (0x80 | c >> 6 & 0x3f);
                            bytes[length++] = (byte) (0x80 | c & 0x3f);
                        }
                    }
                }
            }
        }

        private void escape(char c) {
            ensure(2);
            bytes[length++] = '\\';
            bytes[length++] = (byte) c;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
