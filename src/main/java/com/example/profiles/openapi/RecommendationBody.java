package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes {@link com.example.profiles.recommend.Recommendation}; never instantiated. */
@Schema(name = "Recommendation")
public record RecommendationBody(
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
