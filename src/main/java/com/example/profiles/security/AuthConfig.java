package com.example.profiles.security;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Who may call the {@code /v1} API (env prefix PROFILES_AUTH_). The token itself is verified by
 * SmallRye JWT with the standard MicroProfile keys: {@code mp.jwt.verify.publickey} or
 * {@code mp.jwt.verify.publickey.location}, and {@code mp.jwt.verify.issuer}.
 */
@ConfigMapping(prefix = "profiles.auth")
public interface AuthConfig {

    /**
     * Require a bearer JWT with the endpoint's role on every {@code /v1} call. Off only for local
     * experiments: the service then logs a warning at start and lets every caller in.
     */
    @WithDefault("true")
    boolean enabled();

    /** Dev mode only: where the generated dev key pair is kept between restarts. */
    @WithName("dev-key-dir")
    @WithDefault("target/dev-jwt")
    Path devKeyDir();

    /** Dev mode only: lifetime of the all-roles token printed at start. */
    @WithName("dev-token-lifetime")
    @WithDefault("24h")
    Duration devTokenLifetime();
}
