package com.example.profiles.kernel;

import java.util.function.IntPredicate;

/** One top-k request: exact top-{@code k} rows by {@code metric}, skipping excluded rows (or null). */
public record TopKQuery(float[] query, Metric metric, int k, IntPredicate excludedRow) {
}
