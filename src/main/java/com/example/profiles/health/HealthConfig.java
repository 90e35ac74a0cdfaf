package com.example.profiles.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The readiness checks. */
@ConfigMapping(prefix = "profiles.health")
public interface HealthConfig {

    /** How long readiness waits for DescribeTable before reporting DOWN. */
    @WithDefault("2s")
    Duration timeout();
}
