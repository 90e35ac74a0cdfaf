package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Describes the body of POST /v1/users/{user_id}/recommendations (parsed strictly from bytes elsewhere): the
 * GET's query parameters as fields, for exclusion lists too long for a URL. Never instantiated.
 */
@Schema(name = "RecommendationRequest", additionalProperties = Schema.False.class)
public record RecommendationRequestBody(
        @Schema(minimum = "1", maximum = "1000", defaultValue = "10") @JsonProperty("k") Integer k,
        @Schema(minimum = "0", maximum = "999", defaultValue = "0",
                description = "First position of the exact ordering to return; k + offset <= 1000.")
        @JsonProperty("offset") Integer offset,
        @Schema(enumeration = { "dot", "cosine" }, defaultValue = "dot") @JsonProperty("metric") String metric,
        @Schema(enumeration = "seen", description = "`seen` leaves out the items the profile lists as purchased.")
        @JsonProperty("exclude") String exclude,
        @Schema(maxItems = 10_000, description = "Item ids to leave out (cart, already on the page).",
                example = "[\"book-2\", \"book-3\"]")
        @JsonProperty("exclude_ids") List<String> excludeIds,
        @Schema(description = "A filter expression over the catalog's facets (see the GET parameter).",
                example = "language = \"eng\" and in_stock")
        @JsonProperty("filter") String filter,
        @Schema(description = "At most N results per value of a text facet: facet:N.", example = "series:1")
        @JsonProperty("max_per") String maxPer,
        @Schema(defaultValue = "false") @JsonProperty("explain") Boolean explain,
        @Schema(enumeration = { "popular", "interests" }) @JsonProperty("fallback") String fallback) {
}
