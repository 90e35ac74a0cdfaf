package com.example.profiles.recommend;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of the recommendations endpoint: what scored the items, and the items best first. */
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
@Schema(name = "Recommendation")
public record Recommendation(
        @JsonProperty("user_id") String userId,
        @JsonProperty("model") Model model,
        @JsonProperty("items") List<ScoredItem> items) {

    @Schema(name = "RecommendationModel")
    public record Model(
            @JsonProperty("dimension") int dimension,
            @JsonProperty("catalog_version") String catalogVersion,
            @JsonProperty("kernel") String kernel,
            @JsonProperty("metric") String metric,
            @JsonProperty("precision") String precision,
            @JsonProperty("candidates") int candidates) {
    }

    @Schema(name = "ScoredItem")
    public record ScoredItem(
            @JsonProperty("item_id") String itemId,
            @JsonProperty("title") String title,
            @JsonProperty("score") float score) {
    }
}
