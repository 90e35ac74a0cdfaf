package com.example.profiles.region;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The region this pod serves, and how its replica is guarded and when reads leave it (see docs/global-deployment.md). */
@ConfigMapping(prefix = "profiles")
public interface RegionConfig {

    /** The region this pod serves and stamps into {@code updated_region}; defaults to AWS_REGION. */
    @WithDefault("${AWS_REGION:local}")
    String region();

    /**
     * Replicas that serve reads when the local one fails, in order of preference: comma-separated
     * {@code region} (that region's AWS endpoint) or {@code region=endpoint} entries, e.g.
     * {@code eu-west-1} or {@code eu-west-1=http://127.0.0.1:9001}. Empty: no failover.
     */
    Optional<List<String>> fallbackRegions();

    Failover failover();

    interface Failover {
        /**
         * Time budget of one call to the local replica. A slower call counts as a failure of the
         * replica; a read then moves on to the next region, a write answers 503. It bounds local
         * writes too, because both share the replica's circuit breaker.
         */
        @WithDefault("1s")
        Duration readTimeout();

        /** Time budget of one call to a fallback region (further away, so more generous). */
        @WithDefault("2s")
        Duration fallbackTimeout();

        /**
         * Allow writes to go to the first fallback region while the local one is down. Off by
         * default: a write then answers 503 with Retry-After. Turning it on accepts that
         * concurrent writes to one profile in two regions resolve last-writer-wins.
         */
        @WithDefault("false")
        boolean writesToFallback();

        Breaker breaker();

        /** The circuit breaker of each region's replica ({@code region/Breaker}). */
        interface Breaker {
            /** Size of the rolling window of calls the failure ratio is computed over. */
            @WithDefault("10")
            int requestVolumeThreshold();

            /** Share of failed calls in the window that opens the breaker. */
            @WithDefault("0.5")
            double failureRatio();

            /** How long an open breaker stays open before it lets probe calls through (half-open). */
            @WithDefault("5s")
            Duration delay();

            /** Successful probe calls needed in half-open state to close the breaker again. */
            @WithDefault("2")
            int successThreshold();
        }
    }
}
