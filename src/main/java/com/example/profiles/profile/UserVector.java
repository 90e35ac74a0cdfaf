package com.example.profiles.profile;

import java.time.Instant;

/**
 * A user's vector in one model, as a write gives it.
 *
 * @param eventTime when the vector became the user's at the source: its validity starts then, and the write
 *                  applies only over an older stored event time of the same model; null: unordered, valid from
 *                  the time of the write
 */
public record UserVector(String userId, float[] features, Instant eventTime) {
}
