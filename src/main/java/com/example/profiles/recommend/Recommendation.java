package com.example.profiles.recommend;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

/** Answer of the recommendations endpoint: what scored the items, and the items best first. */
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
@Schema(name = "Recommendation")
public record Recommendation(
        @JsonProperty("user_id") String userId,
        @JsonProperty("model") Model model,
        @JsonProperty("items") List<ScoredItem> items,
        @Schema(description = RECOMMENDATION_ID)
        @JsonProperty("recommendation_id") String recommendationId) {

    /** What the API document says of an answer's id. */
    public static final String RECOMMENDATION_ID = "This answer's id: opaque, unique per answer, signed by the service."
            + " Send it back as `recommendation_id` (with `position`, optionally) on the events of the items it showed,"
            + " and they are attributed to the model, arm and strategy that made it (GET /v1/models/report).";

    @Schema(name = "RecommendationModel")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Model(
            @Schema(description = "The model whose vectors scored the items (for a cold-start answer, the model the"
                    + " request resolved to).")
            @JsonProperty("name") String name,
            @Schema(description = "The model the traffic split (or the request's `model`) chose for this request.")
            @JsonProperty("assigned") String assigned,
            @Schema(description = "Why `name` is not `assigned`: the user has no vector in the assigned model.")
            @JsonProperty("fallback_reason") String fallbackReason,
            @JsonProperty("dimension") int dimension,
            @JsonProperty("catalog_version") String catalogVersion,
            @JsonProperty("kernel") String kernel,
            @JsonProperty("metric") String metric,
            @JsonProperty("precision") String precision,
            @Schema(description = "Rows scored exactly (all rounds of a max_per walk); 0 for a cold-start answer.")
            @JsonProperty("candidates") long candidates,
            @Schema(description = "How the vector search visited the catalog: `full` (every row), `gather` (only the"
                    + " rows a selective filter let through) or `pruned` (clusters in the order of their score bounds,"
                    + " skipping those that provably hold no answer; the answer is the same). Over the rounds of a"
                    + " max_per walk, `pruned` when every round was. Absent when no vector search ran (a cold-start answer, or"
                    + " nothing passed the filter).",
                    enumeration = { "full", "gather", "pruned" })
            @JsonProperty("scan") String scan,
            @Schema(description = "Rows whose score or int8 row bound was computed (all rounds of a max_per walk);"
                    + " below the catalog's size when the search skipped rows. 0 for a cold-start answer.")
            @JsonProperty("scanned") long scanned,
            @Schema(description = "How the items were ranked: by the vector, or by a cold-start fallback.",
                    enumeration = { "vector", "popular", "interests" })
            @JsonProperty("strategy") String strategy,
            @JsonProperty("constraints") Constraints constraints,
            @Schema(description = "Catalog items that passed the filter and the exclusions.")
            @JsonProperty("passed_filter") int passedFilter) {
    }

    /**
     * The constraints a request applied, by control name; those it did not use are absent. Which controls are
     * echoed, and how, is said by their rows in {@link RequestControls}, which the API document's schema is
     * written from too.
     */
    @Schema(name = Constraints.SCHEMA, type = SchemaType.OBJECT)
    public record Constraints(Map<String, Object> applied) {

        /** The API document's name for this shape. */
        public static final String SCHEMA = "RecommendationConstraints";

        public Constraints {
            applied = Collections.unmodifiableMap(new LinkedHashMap<>(applied));
        }

        @JsonValue
        @Override
        public Map<String, Object> applied() {
            return applied;
        }
    }

    @Schema(name = "ScoredItem")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoredItem(
            @JsonProperty("item_id") String itemId,
            @JsonProperty("title") String title,
            @Schema(description = "The exact score under the metric; for a cold-start answer, the item's popularity.")
            @JsonProperty("score") float score,
            @Schema(description = "With explain=true: the purchased item most similar to this one.")
            @JsonProperty("because") Because because) {

        public ScoredItem(String itemId, String title, float score) {
            this(itemId, title, score, null);
        }
    }

    @Schema(name = "Because")
    public record Because(
            @JsonProperty("item_id") String itemId,
            @JsonProperty("title") String title,
            @JsonProperty("similarity") float similarity) {
    }
}
