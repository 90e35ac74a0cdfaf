package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Describes the body of a user vector write, and with {@code user_id} one line of the user vector import (parsed
 * strictly from bytes elsewhere); never instantiated.
 */
@Schema(name = "UserVectorWrite", additionalProperties = Schema.False.class)
public record UserVectorWriteBody(
        @Schema(required = true, ref = "FeatureVector",
                description = "As many numbers as the model's dimension (else 422 naming both).")
        @JsonProperty("features") float[] features,
        @Schema(format = "date-time", description = "When the vector became the user's at the source: it is valid"
                + " from then (so past vectors can be loaded for offline evaluation, oldest first). The write applies only"
                + " when it is newer than the event_time of the user's stored vector in this model and than the start of"
                + " that vector, else 409 (stale). Absent: valid from the time of the write, unordered.")
        @JsonProperty("event_time") String eventTime) {
}
