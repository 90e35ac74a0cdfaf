package com.example.profiles.kernel;

import java.util.Arrays;

/**
 * One query's phase-1 state in one chunk of rows: the k largest lower bounds and the rows whose upper bound
 * reached the running threshold, compacted as the threshold rises; overflow once more than the cap survive.
 */
final class Candidates {

    /**
     * Buffer to start with; it doubles when a compaction frees less than half of it, until it reaches
     * 2 * cap. Sizing it at 2 * cap up front allocated and zeroed 500 KB per query on 1M rows, where a few dozen
     * rows pass on typical data.
     */
    static final int INITIAL_CAPACITY = 1024;

    final LowerBounds lower;
    int[] rows;
    float[] upper;
    int count;
    boolean overflow;

    Candidates(int k, int capacity) {
        this.lower = new LowerBounds(k);
        this.rows = new int[capacity];
        this.upper = new float[capacity];
    }

    float threshold() {
        return lower.threshold();
    }

    /** Records row r with bounds a -+ b unless it is already below the threshold; false on overflow. */
    boolean add(int r, float a, float b, int cap) {
        float up = a + b;
        float t = lower.threshold();
        if (up < t) {
            return true;
        }
        if (lower.offer(a - b)) {
            t = lower.threshold();
        }
        if (count == rows.length) {
            compact(t);
            if (count > cap && rows.length >= 2 * cap) {
                overflow = true;
                return false;
            }
            if (count > rows.length / 2) { // little removed: grow
                rows = Arrays.copyOf(rows, rows.length * 2);
                upper = Arrays.copyOf(upper, upper.length * 2);
            }
        }
        rows[count] = r;
        upper[count] = up;
        count++;
        return true;
    }

    private void compact(float t) {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (!(upper[i] < t)) {
                rows[n] = rows[i];
                upper[n] = upper[i];
                n++;
            }
        }
        count = n;
    }
}
