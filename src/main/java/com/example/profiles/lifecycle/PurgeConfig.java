package com.example.profiles.lifecycle;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How a retired model's stored vectors are removed (env prefix MODELS_PURGE_): one pod at a time holds the
 * purge's lease on the registry row and renews it while it works; a lease left by a pod that stopped is taken
 * over once it expires.
 */
@ConfigMapping(prefix = "models.purge")
public interface PurgeConfig {

    /**
     * How long a purge's lease lasts without renewal (renewed every third of it); how long a purge left by a pod
     * that stopped waits before another pod takes it over. At least 10 s (env MODELS_PURGE_LEASE).
     */
    @WithDefault("2m")
    Duration lease();

    /**
     * How often each pod looks for a retired model whose vectors are not removed and whose lease expired; unset:
     * every catalog refresh ({@code recommend.catalog.refresh}). Also done once at start (env
     * MODELS_PURGE_SWEEP_INTERVAL).
     */
    Optional<Duration> sweepInterval();

    /** Parallel Scan segments of the item side of a purge (env MODELS_PURGE_SCAN_SEGMENTS). */
    @WithDefault("4")
    int scanSegments();

    /**
     * Item vector removals (one UpdateItem each) in flight at once: the purge's write rate is about this many
     * divided by the store's write latency (env MODELS_PURGE_IN_FLIGHT). 1..64.
     */
    @WithDefault("16")
    int inFlight();
}
