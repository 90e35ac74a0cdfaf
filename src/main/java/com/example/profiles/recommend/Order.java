package com.example.profiles.recommend;

import java.util.List;

/**
 * What orders the catalog for one answer: a vector's exact scores in one model, or a cold-start order; and which
 * model the answer names (the one that scored, the one the split assigned, and why they differ).
 *
 * @param model          the model whose vectors score, or for a cold-start answer the model the request resolved to
 * @param vector         the query of {@link Strategy#VECTOR}, else null
 * @param interests      the genres {@link Strategy#INTERESTS} puts first, else empty
 * @param assigned       the model the split (or the request) chose
 * @param fallbackReason why {@code model} is not {@code assigned}, or why no model scored; null when it is
 */
record Order(Strategy strategy, String model, float[] vector, List<String> interests, String assigned,
             String fallbackReason) {

    static Order byVector(String model, float[] vector) {
        return new Order(Strategy.VECTOR, model, vector, List.of(), model, null);
    }

    /** Interests first when there are any, else plain popularity. */
    static Order coldStart(String model, List<String> interests) {
        return interests.isEmpty() ? new Order(Strategy.POPULAR, model, null, List.of(), model, null)
                : new Order(Strategy.INTERESTS, model, null, List.copyOf(interests), model, null);
    }

    /** This order, for a request the split (or the caller) had assigned to {@code assigned}. */
    Order assignedTo(String assignedModel, String reason) {
        return new Order(strategy, model, vector, interests, assignedModel, reason);
    }
}
