package io.cqrsconnect.jdbc.sink.write;

/**
 * What a write did to its rows, by meaning: the rows sent as inserts, upserts or updates, the rows deleted by key,
 * and, of the rows sent, those the version guard left alone because the stored row is newer (where the database's
 * counts tell).
 */
record WriteCounts(int sent, int deleted, int skippedByGuard) {

    static final WriteCounts NONE = new WriteCounts(0, 0, 0);

    /** The rows the database wrote: sent and not left alone by the guard. */
    int written() {
        return sent - skippedByGuard;
    }

    WriteCounts plus(WriteCounts other) {
        return new WriteCounts(sent + other.sent, deleted + other.deleted, skippedByGuard + other.skippedByGuard);
    }
}
