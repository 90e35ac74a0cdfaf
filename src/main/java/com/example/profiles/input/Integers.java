package com.example.profiles.input;

import com.example.profiles.error.ProblemException;

/**
 * Integers of requests, taken as text and parsed here: JAX-RS would answer an unparsable number with a bare
 * 404, where the caller deserves a 400 that names the parameter.
 */
public final class Integers {

    private Integers() {
    }

    /** {@code raw} as an integer in {@code min..max}, {@code absent} when it is null or empty. */
    public static int inRange(String name, String raw, int absent, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return absent;
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
