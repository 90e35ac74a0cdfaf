package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes {@link com.example.profiles.api.view.ProfileView} for the API document; never instantiated. */
@Schema(name = "Profile")
public record ProfileBody(
        @JsonProperty("user_id") String userId,
        @JsonProperty("user_name") String userName,
        @Schema(ref = "Attributes") @JsonProperty("attributes") Object attributes,
        @Schema(ref = "FeatureVector") @JsonProperty("user_features") float[] userFeatures,
        @Schema(description = "Only with fields=features: the user's vector in every model that is not retired, by"
                + " model name (default is user_features); a model the user has no vector in is left out.",
                example = "{\"default\": [0.12, -0.5, 0.33], \"books-v2\": [0.2, 0.1, -0.4, 0.9]}")
        @JsonProperty("features") Map<String, float[]> features,
        @JsonProperty("version") long version,
        @Schema(format = "date-time") @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_region") String updatedRegion,
        @Schema(format = "date-time", description = "Event time of the last ordered write (PUT/PATCH with event_time).")
        @JsonProperty("event_time") String eventTime,
        @Schema(format = "date-time", description = "When the profile expires (DynamoDB TTL); absent: never.")
        @JsonProperty("expires_at") String expiresAt) {
}
