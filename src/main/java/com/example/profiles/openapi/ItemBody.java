package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes {@link com.example.profiles.api.view.ItemView} for the API document; never instantiated. */
@Schema(name = "Item")
public record ItemBody(
        @JsonProperty("item_id") String itemId,
        @JsonProperty("title") String title,
        @JsonProperty("authors") List<String> authors,
        @Schema(ref = "Attributes") @JsonProperty("attributes") Object attributes,
        @Schema(ref = "FeatureVector") @JsonProperty("embedding") float[] embedding,
        @Schema(format = "date-time") @JsonProperty("updated_at") String updatedAt) {
}
