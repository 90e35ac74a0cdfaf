package com.example.profiles.training;

import com.example.profiles.event.StoredEvent;

/** One training example: an event and the user's feature vector as of its {@code occurred_at} (null: none was valid then). */
public record TrainingRow(StoredEvent event, float[] userFeatures) {
}
