package com.example.profiles.ingest;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a streamed import rides out a slow or briefly unavailable store (env prefix RECOMMEND_IMPORT_): each
 * batch is retried with jittered exponential backoff, and while batches need retries fewer are sent at once.
 */
@ConfigMapping(prefix = "recommend.import")
public interface ImportConfig {

    /**
     * Writes of one batch before the import stops, the first included; with the default backoff the
     * retries span about half a minute.
     */
    @WithDefault("10")
    int batchAttempts();

    /** First delay before a batch is written again; doubled per attempt, with jitter. */
    @WithDefault("200ms")
    Duration retryBackoff();

    /** Longest delay between two writes of a batch. */
    @WithDefault("5s")
    Duration maxRetryBackoff();

    /** These retries, with the batch size and the batches in flight of one kind of import (its store's). */
    default LineImport.Limits limits(int batchSize, int maxInFlight) {
        return new LineImport.Limits(batchSize, maxInFlight, batchAttempts(), retryBackoff(), maxRetryBackoff());
    }
}
