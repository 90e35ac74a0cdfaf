package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a profile PUT (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "ProfileWrite", additionalProperties = Schema.False.class)
public record ProfileWriteBody(
        @Schema(required = true, minLength = 1, maxLength = 1024) @JsonProperty("user_name") String userName,
        @Schema(ref = "Attributes") @JsonProperty("attributes") Object attributes,
        @Schema(ref = "FeatureVector") @JsonProperty("user_features") float[] userFeatures) {
}
