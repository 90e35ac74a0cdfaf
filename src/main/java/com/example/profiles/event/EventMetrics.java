package com.example.profiles.event;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code events_total{status=applied|duplicate|rejected}}: what became of the events posted to this pod. */
@ApplicationScoped
public class EventMetrics {

    private final Map<EventOutcome.Status, Counter> counters = new EnumMap<>(EventOutcome.Status.class);

    public EventMetrics(MeterRegistry registry) {
        for (EventOutcome.Status status : EventOutcome.Status.values()) {
            counters.put(status, Counter.builder("events")
                    .description("Behaviour events posted, by what became of them")
                    .tag("status", status.label())
                    .register(registry));
        }
    }

    void count(EventOutcome outcome) {
        counters.get(outcome.status()).increment();
    }
}
