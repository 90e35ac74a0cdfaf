package com.example.profiles.recommend;

import java.util.List;

/**
 * What orders the catalog for one answer: a vector's exact scores, or a cold-start order.
 *
 * @param vector    the query of {@link Strategy#VECTOR}, else null
 * @param interests the genres {@link Strategy#INTERESTS} puts first, else empty
 */
record Order(Strategy strategy, float[] vector, List<String> interests) {

    static Order byVector(float[] vector) {
        return new Order(Strategy.VECTOR, vector, List.of());
    }

    /** Interests first when there are any, else plain popularity. */
    static Order coldStart(List<String> interests) {
        return interests.isEmpty() ? new Order(Strategy.POPULAR, null, List.of())
                : new Order(Strategy.INTERESTS, null, List.copyOf(interests));
    }
}
