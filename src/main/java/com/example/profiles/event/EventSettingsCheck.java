package com.example.profiles.event;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Stops start-up with one line when an {@code events.*} setting cannot work. */
@ApplicationScoped
public class EventSettingsCheck {

    private final EventConfig config;

    public EventSettingsCheck(EventConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(StartupOrder.AUTH_CHECK) StartupEvent event) {
        String types = EventRules.typesProblem(config.types());
        if (types != null) {
            throw new ConfigurationException(types + " (EVENTS_TYPES)", Set.of("events.types"));
        }
        requirePositive(config.recentViews(), "events.recent-views", 1000);
        requirePositive(config.maxPurchased(), "events.max-purchased", 10_000);
        requirePositive(config.page().defaultSize(), "events.page.default-size", config.page().maxSize());
        requirePositive(config.page().maxSize(), "events.page.max-size", 1000);
        if (config.maxFutureSkew().isNegative()) {
            throw new ConfigurationException("events.max-future-skew must not be negative", Set.of("events.max-future-skew"));
        }
        if (config.retention().isPresent() && (config.retention().get().isNegative() || config.retention().get().isZero())) {
            throw new ConfigurationException("events.retention must be positive (or unset to keep events)",
                    Set.of("events.retention"));
        }
    }

    private static void requirePositive(int value, String name, int max) {
        if (value < 1 || value > max) {
            throw new ConfigurationException(name + " must lie in 1.." + max + ", not " + value, Set.of(name));
        }
    }
}
