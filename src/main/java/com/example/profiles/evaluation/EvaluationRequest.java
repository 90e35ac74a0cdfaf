package com.example.profiles.evaluation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.example.profiles.kernel.Metric;
import com.example.profiles.recommend.RecommendRequest;

/**
 * One evaluation as asked for, already checked for shape (its fit to the catalog is checked when it starts).
 *
 * @param cutoff     vectors valid at this instant rank; events up to it are the past (exclusions, popularity)
 * @param until      the window's inclusive end: events in {@code (cutoff, until]} are what users went on to do
 * @param ks         the depths, distinct, each 1..{@code evaluation.max-k}
 * @param eventTypes the event types that count as relevant (and as popularity)
 * @param users      how many users to sample at most
 * @param metric     the metric to rank by; null: the model's own
 * @param filter     the filter expression as written, or null
 * @param maxPer     the diversity constraint, or null
 */
public record EvaluationRequest(String model, Instant cutoff, Instant until, List<Integer> ks, Set<String> eventTypes,
                                int users, long seed, Metric metric, String filter, RecommendRequest.MaxPer maxPer) {

    public int[] depths() {
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }
}
