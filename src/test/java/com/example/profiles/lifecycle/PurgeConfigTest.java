package com.example.profiles.lifecycle;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A purge setting that cannot work stops start-up with one line naming it. */
class PurgeConfigTest {

    private static PurgeConfig config(Duration lease, Optional<Duration> sweep, int segments, int inFlight) {
        return new PurgeConfig() {
            @Override
            public Duration lease() {
                return lease;
            }

            @Override
            public Optional<Duration> sweepInterval() {
                return sweep;
            }

            @Override
            public int scanSegments() {
                return segments;
            }

            @Override
            public int inFlight() {
                return inFlight;
            }
        };
    }

    @Test
    void theDefaultsAndTheirBoundsPass() {
        assertThatCode(() -> VectorPurge.validate(config(Duration.ofMinutes(2), Optional.empty(), 4, 16))).doesNotThrowAnyException();
        assertThatCode(() -> VectorPurge.validate(config(Duration.ofSeconds(10), Optional.of(Duration.ofSeconds(1)), 1, 64)))
                .doesNotThrowAnyException();
    }

    @Test
    void eachImpossibleSettingIsNamed() {
        assertThatThrownBy(() -> VectorPurge.validate(config(Duration.ofSeconds(9), Optional.empty(), 4, 16)))
                .hasMessage("models.purge.lease must be at least 10s, not PT9S");
        assertThatThrownBy(() -> VectorPurge.validate(config(Duration.ofMinutes(2), Optional.of(Duration.ZERO), 4, 16)))
                .hasMessage("models.purge.sweep-interval must be positive, not PT0S");
        assertThatThrownBy(() -> VectorPurge.validate(config(Duration.ofMinutes(2), Optional.empty(), 0, 16)))
                .hasMessage("models.purge.scan-segments must be at least 1, not 0");
        assertThatThrownBy(() -> VectorPurge.validate(config(Duration.ofMinutes(2), Optional.empty(), 4, 65)))
                .hasMessage("models.purge.in-flight must be 1..64, not 65");
        assertThatThrownBy(() -> VectorPurge.validate(config(Duration.ofMinutes(2), Optional.empty(), 4, 0)))
                .hasMessage("models.purge.in-flight must be 1..64, not 0");
    }
}
