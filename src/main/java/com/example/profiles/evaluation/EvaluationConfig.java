package com.example.profiles.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Offline evaluations (env {@code EVALUATION_MAX_USERS} and so on). An evaluation ranks on one thread of its own,
 * so it never takes more than one core from the requests.
 */
@ConfigMapping(prefix = "evaluation")
public interface EvaluationConfig {

    /** The most users one evaluation may sample ({@code users} of a request). */
    @WithDefault("100000")
    int maxUsers();

    /** The largest depth k a request may ask for (the answer's deepest ranking; mrr always looks at 25). */
    @WithDefault("100")
    int maxK();

    /** Users whose point-in-time vectors are read from the store at once while the ranking thread works. */
    @WithDefault("8")
    int lookups();

    /** Parallel segments of the scan of the events table. */
    @WithDefault("4")
    int scanSegments();

    /** Finished evaluations this pod keeps for {@code GET} (in memory; the oldest finished goes first). */
    @WithDefault("50")
    int keep();
}
