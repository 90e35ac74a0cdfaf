package com.example.profiles.api.request;

import java.time.Duration;
import java.time.Instant;

import com.example.profiles.error.ProblemException;

/**
 * The hours an experiment report covers: {@code since} rounded down and {@code until} rounded up to whole hours
 * (the counters are hourly); by default the 24 hours up to the end of the current hour. At most
 * {@value #MAX_DAYS} days, so that one report stays a few hundred Queries at most.
 */
public final class ReportWindow {

    static final int MAX_DAYS = 92;
    private static final long HOUR = 3600;

    private ReportWindow() {
    }

    /** The whole hours {@code [since, until)}. */
    public record Hours(Instant since, Instant until) {
    }

    public static Hours of(String since, String until, Instant now) {
        Instant to = Times.instant("until", until);
        to = ceil(to == null ? now : to);
        Instant from = Times.instant("since", since);
        from = from == null ? to.minus(Duration.ofHours(24)) : floor(from);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("since must lie before until (both are taken to whole hours: since "
                    + from + ", until " + to + ")");
        }
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS)) > 0) {
            throw ProblemException.badRequest("since..until spans more than " + MAX_DAYS + " days; ask for shorter"
                    + " windows");
        }
        return new Hours(from, to);
    }

    private static Instant floor(Instant t) {
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), HOUR) * HOUR);
    }

    private static Instant ceil(Instant t) {
        Instant floor = floor(t);
        return floor.equals(t) ? t : floor.plusSeconds(HOUR);
    }
}
