package com.example.profiles.recommend;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import com.example.profiles.kernel.TopKOutcome;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Scoring time of one recommendation ({@code recommend_scoring_seconds{precision}}) and, for the
 * int8 search, how many rows survived to the float32 rescoring ({@code recommend_int8_candidates})
 * and how often it fell back to a full float32 scan ({@code recommend_int8_fallbacks_total}), and how many
 * recommendations shared each pass over the int8 codes ({@code recommend_int8_batch_queries}).
 */
@Singleton
public class ScoringMetrics {

    public static final String SCORING = "recommend.scoring";
    private final Timer float32;
    private final Timer int8;
    private final DistributionSummary candidates;
    private final Counter fallbacks;
    private final DistributionSummary batches;

    public ScoringMetrics(MeterRegistry registry) {
        this.float32 = timer(registry, "float32");
        this.int8 = timer(registry, "int8");
        this.candidates = DistributionSummary.builder("recommend.int8.candidates")
                .description("Rows rescored in float32 after the int8 phase, per recommendation")
                .register(registry);
        this.fallbacks = Counter.builder("recommend.int8.fallbacks")
                .description("int8 searches that fell back to a full float32 scan")
                .register(registry);
        this.batches = DistributionSummary.builder("recommend.int8.batch.queries")
                .description("Recommendations scored together in one pass over the int8 codes")
                .register(registry);
    }

    /** Records one pass over the int8 codes that served {@code queries} recommendations. */
    public void batch(int queries) {
        batches.record(queries);
    }

    private static Timer timer(MeterRegistry registry, String precision) {
        return Timer.builder(SCORING)
                .description("Time to score a query against the catalog and select the top k")
                .tag("precision", precision)
                .register(registry);
    }

    /** Records one scoring that took {@code nanos}; {@code int8Path} when the int8 search ran. */
    public void record(long nanos, boolean int8Path, TopKOutcome result) {
        (int8Path ? int8 : float32).record(nanos, TimeUnit.NANOSECONDS);
        if (int8Path) {
            candidates.record(result.candidates());
            if (result.fallback()) {
                fallbacks.increment();
            }
        }
    }
}
