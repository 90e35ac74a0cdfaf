package com.example.profiles.api.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.training.TrainingRow;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One NDJSON line of the training export: an event with the user's features as of its time. */
@Schema(name = "TrainingRow")
@JsonInclude(JsonInclude.Include.ALWAYS)
@RegisterForReflection
public record TrainingRowView(
        @JsonProperty("event") EventViews.Event event,
        @Schema(nullable = true, description = "The user's feature vector as of the event's occurred_at; null when none was valid then.")
        @JsonProperty("user_features") float[] userFeatures) {

    public static TrainingRowView of(TrainingRow row) {
        return new TrainingRowView(EventViews.Event.of(row.event()), row.userFeatures());
    }
}
