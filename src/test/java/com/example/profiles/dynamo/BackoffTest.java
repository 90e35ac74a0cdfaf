package com.example.profiles.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithinTheCapAndNeverZero() {
        Duration base = Duration.ofMillis(25);
        for (int attempt = 1; attempt <= 20; attempt++) {
            long ceiling = Math.min(25L << Math.min(attempt - 1, 10), 2_000L);
            long max = 0;
            for (int i = 0; i < 2_000; i++) {
                long delay = Backoff.fullJitter(base, attempt).toMillis();
                assertThat(delay).isBetween(1L, ceiling);
                max = Math.max(max, delay);
            }
            // Full jitter uses the whole range, not just its lower end.
            assertThat(max).isGreaterThan(ceiling / 2);
        }
    }
}
