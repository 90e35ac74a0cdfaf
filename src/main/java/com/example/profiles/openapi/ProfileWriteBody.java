package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a profile PUT (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "ProfileWrite", additionalProperties = Schema.False.class)
public record ProfileWriteBody(
        @Schema(required = true, minLength = 1, maxLength = 1024) @JsonProperty("user_name") String userName,
        @Schema(ref = "Attributes") @JsonProperty("attributes") Object attributes,
        @Schema(ref = "FeatureVector") @JsonProperty("user_features") float[] userFeatures,
        @Schema(format = "date-time", nullable = true, description = "When the change happened at the source; the write"
                + " applies only if the stored event_time is absent or older (else 409).") @JsonProperty("event_time") String eventTime,
        @Schema(format = "date-time", nullable = true, description = "When the profile expires; default now + profiles.retention, if set.")
        @JsonProperty("expires_at") String expiresAt) {
}
