package io.cqrsconnect.benchmarks;

import java.util.BitSet;

/**
 * What a benchmark run writes. Each workload is a deterministic sequence of changes over keys, so the expected end
 * state of the table (which ids exist) can be computed without a store, and every contestant is checked against it.
 */
enum Workload {

    /** N new rows into an empty table, in insert mode. */
    INSERT("insert", false),
    /** N new rows into an empty table, in upsert mode. */
    UPSERT_NEW("upsert-new", false),
    /** N rows whose keys all exist already, in upsert mode. */
    UPSERT_EXISTING("upsert-existing", true),
    /**
     * N changes against a table prefilled with N/2 rows: per ten changes, five updates of existing rows, four new
     * rows and one delete (a tombstone) of an existing row.
     */
    MIXED("mixed-with-deletes", true);

    final String label;
    final boolean prefilled;

    Workload(String label, boolean prefilled) {
        this.label = label;
        this.prefilled = prefilled;
    }

    /** The ids the table holds before the run. */
    long prefillCount(long records) {
        return switch (this) {
            case INSERT, UPSERT_NEW -> 0;
            case UPSERT_EXISTING -> records;
            case MIXED -> records / 2;
        };
    }

    /** The topic a workload reads: insert and both upserts share the same N new-key records. */
    String topic() {
        return this == MIXED ? "bench-mixed" : "bench-orders";
    }

    /** One change of the sequence: the key, and the row version to write, or -1 for a delete. */
    record Change(long id, int version) {
        boolean isDelete() {
            return version < 0;
        }
    }

    /** The {@code i}-th change of this workload's topic. */
    Change change(long i, long records) {
        if (this != MIXED) {
            return new Change(i, 1);
        }
        long existing = records / 2;
        long slot = i % 10;
        if (slot == 9) {
            return new Change((i / 10 * 7919) % existing, -1);
        }
        if (slot < 5) {
            return new Change((i * 104_729) % existing, 2);
        }
        return new Change(existing + i, 1);
    }

    /** How many rows the table holds after every change is applied. */
    long expectedRows(long records) {
        BitSet present = new BitSet();
        long prefill = prefillCount(records);
        present.set(0, (int) prefill);
        for (long i = 0; i < records; i++) {
            Change change = change(i, records);
            if (change.isDelete()) {
                present.clear((int) change.id());
            } else {
                present.set((int) change.id());
            }
        }
        return present.cardinality();
    }
}
