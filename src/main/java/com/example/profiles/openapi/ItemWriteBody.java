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
        @Schema(ref = "FeatureVector", description = "The item's vector in the default model, of its dimension."
                + " Absent: the item's stored vectors (in every model) stay as they are; present while default is"
                + " retired: 409.") @JsonProperty("embedding") float[] embedding) {
}
