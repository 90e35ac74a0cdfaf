package com.example.profiles.profile;

/**
 * A stored user vector.
 *
 * @param validFrom since when it is the user's vector in the model (fixed-width UTC text)
 * @param created   whether the user had no vector in the model before
 */
public record VectorWritten(String userId, String model, int dimension, String validFrom, boolean created) {
}
