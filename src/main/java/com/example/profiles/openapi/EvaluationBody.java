package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body that starts an evaluation (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "EvaluationStart", additionalProperties = Schema.False.class)
public record EvaluationBody(
        @Schema(required = true, format = "date-time", description = "Users are ranked with the vectors valid at this"
                + " instant; events up to it are the past (seen items, popularity).", example = "2026-11-01T00:00:00Z")
        @JsonProperty("cutoff") String cutoff,
        @Schema(required = true, format = "date-time", description = "Events of the given types in (cutoff, until]"
                + " are what each user went on to do (the relevant items).", example = "2026-11-15T00:00:00Z")
        @JsonProperty("until") String until,
        @Schema(description = "Depths of the figures: 1..10 distinct integers in 1..evaluation.max-k (100).",
                defaultValue = "[5, 10, 25]", example = "[5, 10, 25]") @JsonProperty("k") List<Integer> k,
        @Schema(description = "Event types that count as relevant, and as popularity for the baseline.",
                defaultValue = "[\"purchase\"]") @JsonProperty("event_types") List<String> eventTypes,
        @Schema(description = "Users sampled (seeded) among those with events in the window; 1..evaluation.max-users.",
                defaultValue = "10000") @JsonProperty("users") Integer users,
        @Schema(description = "Seed of the user sample: the same seed samples the same users.", defaultValue = "1")
        @JsonProperty("seed") Long seed,
        @Schema(description = "dot or cosine; absent: the model's own metric.", enumeration = { "dot", "cosine" })
        @JsonProperty("metric") String metric,
        @Schema(description = "A recommendation filter every ranking (and the baseline) obeys.",
                example = "language = \"eng\"") @JsonProperty("filter") String filter,
        @Schema(description = "A recommendation max_per (facet:N) every ranking (and the baseline) obeys.",
                example = "authors:1") @JsonProperty("max_per") String maxPer) {
}
