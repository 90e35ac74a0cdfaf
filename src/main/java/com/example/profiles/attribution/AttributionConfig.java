package com.example.profiles.attribution;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Attribution of events to the answers that showed their items, and the experiment counters (env prefix
 * RECOMMEND_ATTRIBUTION_). The keys are a secret: set them from a secret store (RECOMMEND_ATTRIBUTION_KEYS).
 */
@ConfigMapping(prefix = "recommend.attribution")
public interface AttributionConfig {

    /**
     * HMAC keys of recommendation ids, {@code id:secret} entries separated by commas, each secret base64 of at
     * least 32 random bytes: the first signs new ids, every listed key verifies. Rotate by putting a new key
     * first and removing the old one once the attribution window has passed. Required outside dev mode (dev
     * mode makes a key of its own under {@link #devKeyFile()}).
     */
    Optional<List<String>> keys();

    /** How long after an answer was served an event still counts for it (by the event's {@code occurred_at}). */
    @WithDefault("24h")
    Duration window();

    /** How often each pod adds its count of served answers to the store. A crash loses at most this much of it. */
    @WithName("flush-interval")
    @WithDefault("10s")
    Duration flushInterval();

    /** DynamoDB table of the experiment counters (key {@code bucket} + {@code counter}). */
    @WithDefault("ExperimentCounters")
    String table();

    /** Dev mode only: where the generated key is kept between restarts (target/, so {@code mvn clean} forgets it). */
    @WithName("dev-key-file")
    @WithDefault("target/dev-attribution/keys")
    Path devKeyFile();
}
