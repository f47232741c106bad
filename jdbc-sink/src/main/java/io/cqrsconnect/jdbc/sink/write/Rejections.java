package io.cqrsconnect.jdbc.sink.write;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows the database refused, across the attempts of one write. A refused row that is still pending (behind a
 * savepoint: the transaction that would have dropped it may yet roll back) is forgotten when the write is retried,
 * which finds it again; one that left the pending rows (rolled back in its own transaction) is never written again,
 * so its refusal is kept: forgetting it would lose the record while its offset commits.
 */
final class Rejections {

    private final List<RefusedRow> settled = new ArrayList<>();
    private final List<RefusedRow> pending = new ArrayList<>();

    void add(RefusedRow row, boolean rowSettled) {
        (rowSettled ? settled : pending).add(row);
    }

    /** Before an attempt: the pending refusals of an earlier one are the retry's to find again. */
    void retrying() {
        pending.clear();
    }

    List<RefusedRow> all() {
        List<RefusedRow> all = new ArrayList<>(settled);
        all.addAll(pending);
        return all;
    }
}
