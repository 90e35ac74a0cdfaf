package com.example.profiles.kernel;

/**
 * How a search visits the catalog. When a {@link RowMask} restricts it: scan every row and skip those outside
 * the mask ({@link #FULL}), or score only the mask's rows one by one ({@link #GATHER}); {@link #choose} picks
 * between these two. {@link #PRUNED}: visit clusters in the order of their score bounds and never read those
 * that cannot hold a top-k row ({@link PrunedSearch}, which decides per query). Gathering reads each
 * passing row at its own place, several times the cost per row of a sequential scan, so it pays only below
 * some selectivity; the int8 scan streams a quarter of the bytes of the float32 one and prunes most rows, so
 * its crossover is lower. Both give identical answers: the per-row arithmetic is the same.
 * The crossovers are measured by {@code FilterBench} (see docs/benchmarks.md).
 */
public enum ScanStrategy {
    FULL, GATHER, PRUNED;

    /**
     * Below this fraction of rows, gathering beats the full float32 scan. FilterBench, 1M x 64, JDK 25: gather
     * 1-2 ms at 2%, 5-10 ms at 3%, 10-13 ms at 5% against a 13 ms full scan (a gathered row costs ~50 ns while
     * its cache lines are still found near each other, ~250 ns beyond).
     */
    static final double FLOAT32_GATHER_BELOW = 0.04;
    /** Below this fraction of rows, a float32 gather beats the masked int8 scan (6-8 ms at 2-5%, same run). */
    static final double INT8_GATHER_BELOW = 0.025;

    /** The name answers and metrics use: {@code full}, {@code gather} or {@code pruned}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Cost of scoring one gathered row, in rows of the sequential scan of that precision. */
    static double gatherCost(boolean int8) {
        return 1 / (int8 ? INT8_GATHER_BELOW : FLOAT32_GATHER_BELOW);
    }

    /** The cheaper way to answer a query restricted to {@code mask} (null: every row) on {@code rows} rows. */
    public static ScanStrategy choose(RowMask mask, int rows, boolean int8) {
        if (mask == null) {
            return FULL;
        }
        return mask.selectivity(rows) <= (int8 ? INT8_GATHER_BELOW : FLOAT32_GATHER_BELOW) ? GATHER : FULL;
    }
}
