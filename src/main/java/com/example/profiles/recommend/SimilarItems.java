package com.example.profiles.recommend;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Answer of the similar-items endpoint: the items closest to one item's embedding, best first. */
@RegisterForReflection
@Schema(name = "SimilarItems")
public record SimilarItems(
        @JsonProperty("item_id") String itemId,
        @JsonProperty("model") Recommendation.Model model,
        @JsonProperty("items") List<Recommendation.ScoredItem> items,
        @Schema(description = Recommendation.RECOMMENDATION_ID + " Not bound to a user: any user's events may carry it.")
        @JsonProperty("recommendation_id") String recommendationId) {
}
