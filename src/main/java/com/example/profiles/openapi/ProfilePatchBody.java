package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a profile PATCH (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "ProfilePatch", additionalProperties = Schema.False.class,
        description = "JSON merge patch; null removes a member (user_name cannot be removed).")
public record ProfilePatchBody(
        @Schema(minLength = 1, maxLength = 1024) @JsonProperty("user_name") String userName,
        @Schema(type = SchemaType.OBJECT, nullable = true, additionalProperties = Schema.True.class)
        @JsonProperty("attributes") Object attributes,
        @Schema(nullable = true) @JsonProperty("user_features") float[] userFeatures) {
}
