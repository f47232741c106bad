package io.cqrsconnect.jdbc.source.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.cqrsconnect.jdbc.common.CommitHorizon;

/**
 * The progress of an incrementing capture: the highest id read, and the ids below it not seen yet. Ids are handed
 * out when a row is written, not when it commits, so an id missing below a higher committed one may belong to a
 * transaction still in flight: it is a gap to hold, not to skip. A gap is looked for again at every read until
 * every transaction that was open when it was seen has ended ({@link CommitHorizon#passed}); then its row either
 * came (and was captured) or never will (a rollback, a sequence's skipped values), and the gap is dropped.
 *
 * <p>Held in the source offset ({@link #toOffset}), so a restart neither loses a gap nor emits a row twice: every
 * id up to {@link #max()} outside the gaps has been emitted.
 */
public final class IdGaps {

    /** Ids {@code from} to {@code to} (both included), missing since {@code seenAt} on the database's clock. */
    public record Gap(long from, long to, Instant seenAt) {

        boolean contains(long id) {
            return id >= from && id <= to;
        }
    }

    /** Above this many gaps, they are looked for in one range spanning them all, the rows outside them skipped. */
    private static final int MAX_SEARCH_RANGES = 50;
    static final String MAX_KEY = "incrementing";
    static final String GAPS_KEY = "gaps";

    private Long max;
    private final List<Gap> gaps = new ArrayList<>();

    /** Nothing read yet. */
    public IdGaps() {
    }

    /** The highest id read, or null before the first. */
    public Long max() {
        return max;
    }

    /** The gaps held, lowest first. */
    public List<Gap> gaps() {
        return List.copyOf(gaps);
    }

    /**
     * The id ranges a read looks for the gaps' rows in: the gaps, or one range spanning them when there are many (a
     * query stays short; {@link #inGap} tells the rows that are new).
     */
    public List<Gap> searchRanges() {
        if (gaps.size() <= MAX_SEARCH_RANGES) {
            return List.copyOf(gaps);
        }
        return List.of(new Gap(gaps.get(0).from(), gaps.get(gaps.size() - 1).to(), Instant.EPOCH));
    }

    /** True when {@code id} is in a gap: a row found there is new. */
    public boolean inGap(long id) {
        return gaps.stream().anyMatch(gap -> gap.contains(id));
    }

    /** A row of a gap was found (it committed late): it is emitted, and its id is no longer missing. */
    public void found(long id) {
        for (int i = 0; i < gaps.size(); i++) {
            Gap gap = gaps.get(i);
            if (!gap.contains(id)) {
                continue;
            }
            gaps.remove(i);
            if (id < gap.to()) {
                gaps.add(i, new Gap(id + 1, gap.to(), gap.seenAt()));
            }
            if (id > gap.from()) {
                gaps.add(i, new Gap(gap.from(), id - 1, gap.seenAt()));
            }
            return;
        }
    }

    /**
     * A row above {@link #max()}: the ids skipped on the way to it are held as a gap seen at {@code seenAt}, a
     * reading of the database's clock taken after the query that found the row. On the first read every smaller id
     * is a gap: a transaction may still hold one.
     */
    public void advance(long id, Instant seenAt) {
        if (max != null && id <= max) {
            throw new IllegalArgumentException("id " + id + " is not above " + max);
        }
        long from = max == null ? Long.MIN_VALUE : max + 1;
        if (id > from) {
            gaps.add(new Gap(from, id - 1, seenAt));
        }
        max = id;
    }

    /** True when reading {@code id} would open a gap (so the caller takes a clock reading for it). */
    public boolean wouldOpenGap(long id) {
        return max == null ? id > Long.MIN_VALUE : id > max + 1;
    }

    /** Drops the gaps every transaction open when they were seen has left: their rows came or never will. */
    public void resolve(CommitHorizon horizon) {
        gaps.removeIf(gap -> horizon.passed(gap.seenAt()));
    }

    /** The offset form: the highest id, and the gaps as {@code from:to:seenAtMicros} joined by {@code ;}. */
    public Map<String, Object> toOffset() {
        StringBuilder text = new StringBuilder();
        for (Gap gap : gaps) {
            if (!text.isEmpty()) {
                text.append(';');
            }
            text.append(gap.from() == Long.MIN_VALUE ? "" : Long.toString(gap.from())).append(':').append(gap.to())
                    .append(':').append(gap.seenAt().getEpochSecond() * 1_000_000L + gap.seenAt().getNano() / 1000);
        }
        return max == null ? Map.of() : Map.of(MAX_KEY, max, GAPS_KEY, text.toString());
    }

    /** The progress an offset holds; nothing read yet for a null or empty offset. */
    public static IdGaps fromOffset(Map<String, ?> offset) {
        IdGaps progress = new IdGaps();
        if (offset == null || offset.get(MAX_KEY) == null) {
            return progress;
        }
        progress.max = ((Number) offset.get(MAX_KEY)).longValue();
        Object text = offset.get(GAPS_KEY);
        if (text != null && !text.toString().isEmpty()) {
            for (String gap : text.toString().split(";")) {
                String[] parts = gap.split(":", -1);
                long micros = Long.parseLong(parts[2]);
                progress.gaps.add(new Gap(parts[0].isEmpty() ? Long.MIN_VALUE : Long.parseLong(parts[0]),
                        Long.parseLong(parts[1]), Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000)));
            }
        }
        return progress;
    }
}
