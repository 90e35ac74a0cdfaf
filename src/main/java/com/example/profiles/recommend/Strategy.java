package com.example.profiles.recommend;

import java.util.Locale;

/** How an answer's items were ranked, as {@code model.strategy} and the metrics name it. */
public enum Strategy {
    /** By the exact score of a vector: the user's features, or an item's embedding. */
    VECTOR,
    /** Cold start: by popularity. */
    POPULAR,
    /** Cold start: items whose genres meet the profile's interests first, then by popularity. */
    INTERESTS;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
