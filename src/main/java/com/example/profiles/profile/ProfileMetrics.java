package com.example.profiles.profile;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code profiles_stale_writes_total}: ordered writes refused because the stored profile had a
 * newer {@code event_time}; {@code profiles_expired_hidden_total}: reads that found an item past its
 * {@code expires_at} that DynamoDB had not deleted yet, and answered it as absent.
 */
@ApplicationScoped
public class ProfileMetrics {

    private final Counter staleWrites;
    private final Counter expiredHidden;

    public ProfileMetrics(MeterRegistry registry) {
        staleWrites = Counter.builder("profiles.stale.writes")
                .description("Profile writes refused because the stored event_time was newer").register(registry);
        expiredHidden = Counter.builder("profiles.expired.hidden")
                .description("Expired profiles not yet deleted by DynamoDB, answered as absent").register(registry);
    }

    void staleWrite() {
        staleWrites.increment();
    }

    void expiredHidden() {
        expiredHidden.increment();
    }
}
