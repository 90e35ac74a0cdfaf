package com.example.profiles.api.request;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import com.example.profiles.error.ProblemException;

/** RFC 3339 date-times in requests, in query parameters and body members alike. */
final class Times {

    /** Years outside 0001..9999 have no fixed-width text, and sort keys rely on one. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Times() {
    }

    /** The instant {@code raw} names, or null when it is absent or empty. */
    static Instant instant(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(raw).toInstant();
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw ProblemException.badRequest(name + " must lie in the years 1..9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an RFC 3339 date-time such as 2026-05-01T12:00:00Z");
        }
    }
}
