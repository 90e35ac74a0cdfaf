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
        @Schema(nullable = true) @JsonProperty("user_features") float[] userFeatures,
        @Schema(format = "date-time", nullable = true, description = "When the change happened at the source; the write"
                + " applies only if the stored event_time is absent or older (else 409).") @JsonProperty("event_time") String eventTime,
        @Schema(format = "date-time", nullable = true, description = "When the profile expires; default now + profiles.retention, if set.")
        @JsonProperty("expires_at") String expiresAt) {
}
