package com.example.profiles.security;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start with authentication on but nothing to verify tokens against (SmallRye JWT
 * would then reject every call, or skip the issuer check), and says loudly when it is off.
 */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);

    private final AuthConfig config;
    private final Optional<String> publicKey;
    private final Optional<String> publicKeyLocation;
    private final Optional<String> issuer;

    public AuthStartup(AuthConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        this.config = config;
        this.publicKey = publicKey;
        this.publicKeyLocation = publicKeyLocation;
        this.issuer = issuer;
    }

    void onStart(@Observes @Priority(DevKeys.PRIORITY + 1) StartupEvent event) {
        if (!config.enabled()) {
            LOG.warn("!!! AUTHENTICATION IS OFF (profiles.auth.enabled=false): every caller may read, write, "
                    + "export and delete every profile. Use this for local experiments only. !!!");
            return;
        }
        if (publicKey.isEmpty() && publicKeyLocation.isEmpty()) {
            throw new IllegalStateException("profiles.auth.enabled is true but no token verification key is set: "
                    + "set MP_JWT_VERIFY_PUBLICKEY_LOCATION (or MP_JWT_VERIFY_PUBLICKEY), "
                    + "or PROFILES_AUTH_ENABLED=false for a local experiment");
        }
        if (issuer.isEmpty()) {
            throw new IllegalStateException("profiles.auth.enabled is true but MP_JWT_VERIFY_ISSUER is not set: "
                    + "tokens of any issuer would be accepted");
        }
        LOG.infof("bearer JWT authentication on: issuer %s, key %s", issuer.get(),
                publicKeyLocation.orElse("(inline mp.jwt.verify.publickey)"));
    }
}
