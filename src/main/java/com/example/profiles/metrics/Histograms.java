package com.example.profiles.metrics;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.example.profiles.dynamo.DynamoDbMetrics;
import com.example.profiles.recommend.ScoringMetrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * Latency timers export Prometheus histograms with one fixed set of buckets (1 ms .. 10 s), so
 * that quantiles can be aggregated across pods; a handful of buckets keeps the series count low.
 */
public class Histograms {

    static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(10) };

    static boolean histogram(String name) {
        return name.equals("http.server.requests") || name.equals(DynamoDbMetrics.CALLS)
                || name.equals(ScoringMetrics.SCORING);
    }

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER || !histogram(id.getName())) {
                    return config;
                }
                double[] slos = new double[BUCKETS.length];
                for (int i = 0; i < BUCKETS.length; i++) {
                    slos[i] = BUCKETS[i].toNanos();
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }
}
