package com.example.profiles.api.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.profile.VectorWritten;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of a user vector write. Serialized by Jackson: registered for a native image. */
@RegisterForReflection
@Schema(name = "UserVectorWritten")
public record UserVectorView(
        @JsonProperty("user_id") String userId,
        @JsonProperty("model") String model,
        @JsonProperty("dimension") int dimension,
        @Schema(format = "date-time", description = "Since when this is the user's vector in the model: the write's"
                + " event_time, else the time of the write (of the first write, when the same vector was written again).")
        @JsonProperty("valid_from") String validFrom) {

    public static UserVectorView of(VectorWritten written) {
        return new UserVectorView(written.userId(), written.model(), written.dimension(), written.validFrom());
    }
}
