package com.example.profiles.dynamo;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Retries of the DynamoDB client: the SDK's standard strategy (full-jitter exponential backoff,
 * retry quota) with these bounds. Timeouts and the connection pool are the Quarkiverse
 * {@code quarkus.dynamodb.*} keys in application.properties.
 */
@ConfigMapping(prefix = "profiles.store-client")
public interface StoreClientConfig {

    /** Attempts per API call, the first included; 1 disables retries. */
    @WithDefault("3")
    int maxAttempts();

    /** Base of the exponential backoff between attempts (full jitter: 0..base*2^n). */
    @WithDefault("25ms")
    Duration baseDelay();

    /** Longest backoff between two attempts. */
    @WithDefault("500ms")
    Duration maxBackoff();
}
