package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Describes the body of an item PUT, and with {@code item_id} one import line (parsed strictly
 * from bytes elsewhere); never instantiated.
 */
@Schema(name = "ItemWrite", additionalProperties = Schema.False.class)
public record ItemWriteBody(
        @Schema(required = true) @JsonProperty("title") String title,
        @Schema(minItems = 1) @JsonProperty("authors") List<String> authors,
        @Schema(ref = "Attributes") @JsonProperty("attributes") Object attributes,
        @Schema(required = true, ref = "FeatureVector") @JsonProperty("embedding") float[] embedding) {
}
