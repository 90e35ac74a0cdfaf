package com.example.profiles.evaluation;

/**
 * Keeps one thread's work to a share of one core: after each unit of work the thread owes a pause in proportion
 * to it ({@code busy * (1 - share) / share}), and time it spent waiting between units (for store reads) pays
 * the debt. No credit is carried: idle time never buys a later burst above the share. Not thread-safe; one per
 * working thread.
 */
final class CpuShare {

    /** Pauses shorter than this are deferred until the debt reaches it: fewer, longer sleeps. */
    static final long MIN_PAUSE_NANOS = 2_000_000L;

    private final double owedPerBusyNanosecond;
    private long debt;
    private long lastEnd = Long.MIN_VALUE;

    /** True for a share this pacing can keep: in (0, 1]. */
    static boolean possible(double share) {
        return share > 0 && share <= 1;
    }

    /** @param share of one core, in (0, 1]; 1 never pauses */
    CpuShare(double share) {
        if (!possible(share)) {
            throw new IllegalArgumentException("share must lie in (0, 1], not " + share);
        }
        this.owedPerBusyNanosecond = (1 - share) / share;
    }

    /**
     * Records a unit of work that ran from {@code start} to {@code end} (nanoTime) and answers how long the thread
     * must pause now (nanoseconds, 0: none).
     */
    long worked(long start, long end) {
        if (lastEnd != Long.MIN_VALUE) {
            debt = Math.max(0, debt - Math.max(0, start - lastEnd));
        }
        debt += (long) ((end - start) * owedPerBusyNanosecond);
        lastEnd = end;
        if (debt < MIN_PAUSE_NANOS) {
            return 0;
        }
        long pause = debt;
        debt = 0;
        lastEnd = end + pause;
        return pause;
    }
}
