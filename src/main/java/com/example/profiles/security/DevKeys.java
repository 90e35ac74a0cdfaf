package com.example.profiles.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HashSet;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Dev mode only: a key pair generated on first start under {@code profiles.auth.dev-key-dir}
 * (target/dev-jwt, so {@code mvn clean} forgets it), which {@code %dev.mp.jwt.verify.publickey.location}
 * points at, and a ready-to-use token with every role printed at start (and handed to the explorer page by
 * {@link DevTokenRoute}). Each start signs a new token with the same key, so the tokens of earlier starts stay
 * valid until they expire. Nothing here runs in prod or test, and no private key is ever shipped.
 */
@ApplicationScoped
public class DevKeys {
    static final String PUBLIC_KEY = "public-key.pem";
    static final String PRIVATE_KEY = "private-key.pem";
    private static final Logger LOG = Logger.getLogger(DevKeys.class);

    private final AuthConfig config;
    private final String issuer;
    private final int port;
    private volatile String token;

    public DevKeys(AuthConfig config,
            @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "dev") String issuer,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.config = config;
        this.issuer = issuer;
        this.port = port;
    }

    void onStart(@Observes @Priority(StartupOrder.DEV_KEYS) StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT || !config.enabled()) {
            return;
        }
        PrivateKey key = ensureKeys(config.devKeyDir());
        token = Jwt.issuer(issuer).subject("dev").upn("dev")
                .groups(new HashSet<>(Roles.ALL))
                .expiresIn(config.devTokenLifetime())
                .sign(key);
        LOG.infof("dev token with roles %s, valid %s (dev mode only):%n"
                + "  export TOKEN=%s%n  curl -H \"Authorization: Bearer $TOKEN\" localhost:%d/v1/catalog",
                Roles.ALL, config.devTokenLifetime(), token, port);
    }

    /** The token printed at this start; empty outside dev mode, with authentication off, or before the start. */
    Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** Reads the pair in {@code dir}, or generates and writes it there first. */
    static PrivateKey ensureKeys(Path dir) {
        Path publicPem = dir.resolve(PUBLIC_KEY);
        Path privatePem = dir.resolve(PRIVATE_KEY);
        try {
            if (!Files.exists(publicPem) || !Files.exists(privatePem)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.createDirectories(dir);
                Files.writeString(privatePem, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
                Files.writeString(publicPem, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
                LOG.infof("generated a dev-only JWT key pair in %s", dir);
            }
            return KeyUtils.decodePrivateKey(Files.readString(privatePem, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the dev JWT key pair to " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the dev JWT key pair", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
