package com.example.profiles.kernel;

import java.util.function.IntPredicate;

/** One query of an {@link Int8Search} batch: exact top-{@code k} by {@code metric}, skipping excluded rows (or null). */
public record Int8Query(float[] query, Metric metric, int k, IntPredicate excludedRow) {
}
