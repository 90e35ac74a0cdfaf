package com.example.profiles.api.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of the HTTP contract: what one request may carry and how many are served at once. */
@ConfigMapping(prefix = "profiles")
public interface ApiConfig {

    /** Largest accepted request body of the profile and item endpoints, in bytes (256 KiB). */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Largest accepted feature vector. */
    @WithDefault("4096")
    int maxFeatures();

    /**
     * Most /v1 requests this pod serves at once; beyond it a request is answered 503 with
     * Retry-After at once instead of queueing. 256 suits a 1-2 CPU pod whose store pool holds
     * 50 connections (quarkus.dynamodb.async-client.max-concurrency).
     */
    @WithDefault("256")
    int maxInFlight();
}
