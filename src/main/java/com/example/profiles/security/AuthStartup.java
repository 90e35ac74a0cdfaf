package com.example.profiles.security;

import java.util.Optional;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Refuses to start with authentication on but nothing usable to verify tokens against: no key, a
 * key file that is missing, unreadable or not a public key (SmallRye JWT would then answer every
 * call, health included, with a 500), or no issuer (it would skip the issuer check). The refusal is
 * one line on stderr naming the setting. Says loudly when authentication is off. A one-shot command
 * ({@code provision}) listens on no port, so it checks nothing here.
 */
@ApplicationScoped
public class AuthStartup {

    private static final Logger LOG = Logger.getLogger(AuthStartup.class);

    private final AuthConfig config;
    private final Optional<String> publicKey;
    private final Optional<String> publicKeyLocation;
    private final Optional<String> issuer;
    private final boolean serving;

    public AuthStartup(AuthConfig config,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> publicKey,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKeyLocation,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        this.config = config;
        this.serving = serving;
        this.publicKey = publicKey;
        this.publicKeyLocation = publicKeyLocation;
        this.issuer = issuer;
    }

    void onStart(@Observes @Priority(StartupOrder.AUTH_CHECK) StartupEvent event) {
        if (!serving) {
            return;
        }
        if (!config.enabled()) {
            LOG.warn("!!! AUTHENTICATION IS OFF (profiles.auth.enabled=false): every caller may read, write, "
                    + "export and delete every profile. Use this for local experiments only. !!!");
            return;
        }
        Optional<String> keyProblem = VerificationKey.problem(publicKey, publicKeyLocation,
                Thread.currentThread().getContextClassLoader());
        if (keyProblem.isPresent()) {
            throw new ConfigurationException("Cannot start with authentication on (PROFILES_AUTH_ENABLED=true): "
                    + keyProblem.get() + "; or set PROFILES_AUTH_ENABLED=false for a local experiment",
                    Set.of("mp.jwt.verify.publickey.location", "mp.jwt.verify.publickey"));
        }
        if (issuer.isEmpty() || issuer.get().isBlank()) {
            throw new ConfigurationException("Cannot start with authentication on (PROFILES_AUTH_ENABLED=true): "
                    + "MP_JWT_VERIFY_ISSUER is not set, so tokens of any issuer would be accepted",
                    Set.of("mp.jwt.verify.issuer"));
        }
        LOG.infof("bearer JWT authentication on: issuer %s, key %s", issuer.get(),
                publicKeyLocation.orElse("(inline mp.jwt.verify.publickey)"));
    }
}
