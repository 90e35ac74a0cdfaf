package com.example.profiles.evaluation;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code evaluations_running} (0 or 1 per pod), {@code evaluation_users_total{outcome=evaluated|skipped}} (its
 * rate is users evaluated per second across runs) and {@code evaluation_users_per_second} (the running or last
 * evaluation's ranking rate).
 */
@Singleton
public class EvaluationMetrics {

    private final AtomicInteger running = new AtomicInteger();
    /** Users per second times 1000, of the running or last evaluation. */
    private final AtomicLong milliRate = new AtomicLong();
    private final Counter evaluated;
    private final Counter skipped;

    public EvaluationMetrics(MeterRegistry registry) {
        Gauge.builder("evaluations.running", running, AtomicInteger::get)
                .description("Offline evaluations running in this pod").register(registry);
        Gauge.builder("evaluation.users.per.second", milliRate, r -> r.get() / 1000.0)
                .description("Users ranked per second by the running (or last) offline evaluation").register(registry);
        evaluated = Counter.builder("evaluation.users").tag("outcome", "evaluated")
                .description("Users an offline evaluation ranked, or skipped (no vector at the cutoff)").register(registry);
        skipped = Counter.builder("evaluation.users").tag("outcome", "skipped")
                .description("Users an offline evaluation ranked, or skipped (no vector at the cutoff)").register(registry);
    }

    void started() {
        running.incrementAndGet();
        milliRate.set(0);
    }

    void finished() {
        running.decrementAndGet();
    }

    void user(boolean wasEvaluated, long done, long nanosSinceRankingStarted) {
        (wasEvaluated ? evaluated : skipped).increment();
        if (nanosSinceRankingStarted > 0) {
            milliRate.set(Math.round(done * 1e12 / nanosSinceRankingStarted));
        }
    }
}
