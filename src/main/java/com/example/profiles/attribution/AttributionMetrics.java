package com.example.profiles.attribution;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The experiment as Prometheus counters, per pod: {@code recommend_served_total{model,arm,strategy}} (answers
 * served with an id), {@code recommend_attributed_events_total{model,arm,strategy,type}} (events attributed to
 * them), {@code recommend_attributed_answers_total{model,arm,strategy,type}} (answers with at least one such
 * event: the numerators of click-through and conversion) and {@code recommend_attributed_value_total{model,arm,
 * strategy}} (the purchases' summed value). The store's counters ({@link CounterStore}) are the durable copy the
 * report reads; these are for dashboards and alerts.
 */
@Singleton
public class AttributionMetrics {

    /** By model, arm, strategy: looked up without allocating once they exist (the request path counts here). */
    private final Map<String, Map<String, Map<String, Counter>>> served = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public AttributionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void served(String model, String arm, String strategy) {
        Map<String, Map<String, Counter>> byArm = served.get(model);
        Map<String, Counter> byStrategy = byArm == null ? null : byArm.get(arm);
        Counter counter = byStrategy == null ? null : byStrategy.get(strategy);
        if (counter == null) {
            counter = served.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                    .computeIfAbsent(arm, a -> new ConcurrentHashMap<>())
                    .computeIfAbsent(strategy, s -> Counter.builder("recommend.served")
                            .description("Recommendation and similar-items answers served, by the model that scored,"
                                    + " the arm the split (or the request) assigned and the strategy")
                            .tag("model", model).tag("arm", arm).tag("strategy", strategy).register(registry));
        }
        counter.increment();
    }

    /** Counts one stored attributed event (after its transaction succeeded). */
    public void attributed(Attribution attribution, String type, boolean firstOfAnswer, double value) {
        Counter.builder("recommend.attributed.events")
                .description("Events attributed to an answer that showed their item")
                .tag("model", attribution.model()).tag("arm", attribution.arm())
                .tag("strategy", attribution.strategy()).tag("type", type)
                .register(registry).increment();
        if (firstOfAnswer) {
            Counter.builder("recommend.attributed.answers")
                    .description("Answers with at least one attributed event of the type (click-through and"
                            + " conversion numerators)")
                    .tag("model", attribution.model()).tag("arm", attribution.arm())
                    .tag("strategy", attribution.strategy()).tag("type", type)
                    .register(registry).increment();
        }
        if (value > 0) {
            Counter.builder("recommend.attributed.value")
                    .description("Summed value of attributed purchases (revenue)")
                    .tag("model", attribution.model()).tag("arm", attribution.arm())
                    .tag("strategy", attribution.strategy())
                    .register(registry).increment(value);
        }
    }
}
