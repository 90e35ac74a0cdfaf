package com.example.profiles.model;

import java.time.Instant;

import com.example.profiles.kernel.Metric;

/**
 * A named embedding space: its dimension, the metric its answers use by default, and its life. The stored
 * vectors of a model are attributes named after it, on the items and on the users ({@link #itemAttribute},
 * {@link #userAttribute}); the {@link ModelNames#DEFAULT} model keeps the names every client already uses.
 *
 * @param dimension 1..4096; 0 only for a {@code default} whose dimension no write has set yet
 * @param createdAt null for a {@code default} that predates the registry
 * @param retiredAt when it was retired (its vectors are being removed), or null
 */
public record ModelDefinition(String name, int dimension, Metric metric, String description, Instant createdAt,
                              Instant retiredAt) {

    /** Most dimensions a model may have. */
    public static final int MAX_DIMENSION = 4096;
    private static final String USER_PREFIX = "user_features:";

    public boolean retired() {
        return retiredAt != null;
    }

    public boolean isDefault() {
        return ModelNames.DEFAULT.equals(name);
    }

    /** The item attribute holding this model's embedding. */
    public String itemAttribute() {
        return itemAttribute(name);
    }

    /** The profile attribute holding this model's user vector. */
    public String userAttribute() {
        return userAttribute(name);
    }

    /** The profile attribute holding since when the user vector is valid. */
    public String userSinceAttribute() {
        return userSinceAttribute(name);
    }

    public static String itemAttribute(String model) {
        return ModelNames.DEFAULT.equals(model) ? "embedding" : "embedding:" + model;
    }

    public static String userAttribute(String model) {
        return ModelNames.DEFAULT.equals(model) ? "user_features" : USER_PREFIX + model;
    }

    public static String userSinceAttribute(String model) {
        return ModelNames.DEFAULT.equals(model) ? "features_since" : "features_since:" + model;
    }

    /**
     * The profile attribute holding the event time of the last ordered write of the user vector: vectors of one
     * model are kept in event-time order, independently of the profile's own {@code event_time} and of other models.
     */
    public static String userEventTimeAttribute(String model) {
        return ModelNames.DEFAULT.equals(model) ? "features_event_time" : "features_event_time:" + model;
    }

    /** The model whose user vector the profile attribute {@code attribute} holds, other than default; else null. */
    public static String userModel(String attribute) {
        return attribute.startsWith(USER_PREFIX) ? attribute.substring(USER_PREFIX.length()) : null;
    }

    /** The same definition, retired at {@code at}. */
    public ModelDefinition retiredAt(Instant at) {
        return new ModelDefinition(name, dimension, metric, description, createdAt, at);
    }
}
