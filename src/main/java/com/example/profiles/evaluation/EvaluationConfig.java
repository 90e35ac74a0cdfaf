package com.example.profiles.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Offline evaluations (env {@code EVALUATION_MAX_USERS} and so on). An evaluation ranks on one thread of its own,
 * paced to {@link #cpuShare()} of one core, so it never takes more than that from the requests.
 */
@ConfigMapping(prefix = "evaluation")
public interface EvaluationConfig {

    /** The most users one evaluation may sample ({@code users} of a request). */
    @WithDefault("100000")
    int maxUsers();

    /** The largest depth k a request may ask for (the answer's deepest ranking; mrr always looks at 25). */
    @WithDefault("100")
    int maxK();

    /**
     * Share of one core the evaluation's ranking thread may use, in (0, 1]: after each user it pauses in
     * proportion to the time it ranked. 1 ranks flat out on its one thread (an evaluation Job's own pod).
     */
    @WithDefault("0.5")
    double cpuShare();

    /** Users whose point-in-time vectors are read from the store at once while the ranking thread works. */
    @WithDefault("8")
    int lookups();

    /**
     * Parallel segments of the scan of the events table. One by default: an evaluation is a background job, and
     * each parallel segment is one more read competing with the requests' point reads.
     */
    @WithDefault("1")
    int scanSegments();

    /**
     * Rows one Scan request of the events reads at most (DynamoDB's {@code Limit}; filtered rows count). Short
     * pages let the requests' point reads interleave with the scan instead of queueing behind 1 MB pages.
     */
    @WithDefault("1000")
    int scanPageItems();

    /** Finished evaluations this pod keeps for {@code GET} (in memory; the oldest finished goes first). */
    @WithDefault("50")
    int keep();
}
