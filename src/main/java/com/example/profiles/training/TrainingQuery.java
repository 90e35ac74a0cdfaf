package com.example.profiles.training;

import java.time.Instant;
import java.util.List;

/**
 * @param since    inclusive lower bound of {@code occurred_at}, or null
 * @param until    exclusive upper bound, or null
 * @param types    event types to export; empty: all
 * @param segments parallel scan segments
 * @param model    the model whose user vectors join the events
 */
public record TrainingQuery(Instant since, Instant until, List<String> types, int segments, String model) {
}
