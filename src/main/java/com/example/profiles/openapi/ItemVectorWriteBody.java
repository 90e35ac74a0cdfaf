package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Describes the body of a model vector PUT, and with {@code item_id} one line of a model vector import (parsed
 * strictly from bytes elsewhere); never instantiated.
 */
@Schema(name = "ItemVectorWrite", additionalProperties = Schema.False.class)
public record ItemVectorWriteBody(
        @Schema(required = true, ref = "FeatureVector",
                description = "The item's vector in the model: exactly the model's dimension of float32 numbers.")
        @JsonProperty("embedding") float[] embedding) {
}
