package com.example.profiles.kernel;

import java.util.function.IntPredicate;

/**
 * One top-k request: exact top-{@code k} rows by {@code metric} among the rows of {@code mask} (null: all),
 * skipping excluded rows (or null).
 */
public record TopKQuery(float[] query, Metric metric, int k, IntPredicate excludedRow, RowMask mask) {

    public TopKQuery(float[] query, Metric metric, int k, IntPredicate excludedRow) {
        this(query, metric, k, excludedRow, null);
    }

    /** The rows to skip: excluded or outside the mask; null when none are. */
    IntPredicate skipped() {
        if (mask == null) {
            return excludedRow;
        }
        RowMask m = mask;
        return excludedRow == null ? r -> !m.contains(r) : r -> !m.contains(r) || excludedRow.test(r);
    }
}
