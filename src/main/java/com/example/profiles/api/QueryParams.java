package com.example.profiles.api;

import com.example.profiles.error.ProblemException;

/**
 * Query parameters are taken as strings and parsed here: JAX-RS would answer an unparsable
 * number with a bare 404, where the caller deserves a 400 that names the parameter.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static int intInRange(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(name + " must be an integer in " + min + ".." + max);
    }
}
