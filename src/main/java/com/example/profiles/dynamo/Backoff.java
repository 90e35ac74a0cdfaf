package com.example.profiles.dynamo;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delay before retrying the unprocessed part of a batch call: exponential with full jitter, so
 * that pods retrying together spread out instead of hitting a throttled table in step.
 */
public final class Backoff {

    private static final long CAP_MILLIS = 2_000;

    private Backoff() {
    }

    /** A random delay in 1..min(base * 2^(attempt-1), 2 s) milliseconds, for attempt 1, 2, ... */
    public static Duration fullJitter(Duration base, int attempt) {
        long ceiling = Math.min(base.toMillis() << Math.min(attempt - 1, 10), CAP_MILLIS);
        return Duration.ofMillis(1 + ThreadLocalRandom.current().nextLong(Math.max(1, ceiling)));
    }
}
