package com.example.profiles.attribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * The keys recommendation ids are signed and verified with, read once. A setting that cannot work (no key
 * outside dev mode, a key too short, a malformed entry) stops start-up with one line naming
 * {@code recommend.attribution.keys}. Dev mode without keys generates one under {@code dev-key-file} and keeps
 * it, so ids of an earlier start stay valid. The one-shot {@code provision} command serves no answers and needs
 * no key.
 */
@ApplicationScoped
public class AttributionKeys {

    static final String SETTING = "recommend.attribution.keys";
    private static final Logger LOG = Logger.getLogger(AttributionKeys.class);

    private final AttributionConfig config;
    private final boolean serving;
    private volatile AnswerToken tokens;

    public AttributionKeys(AttributionConfig config,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean serving) {
        this.config = config;
        this.serving = serving;
    }

    void onStart(@Observes @Priority(StartupOrder.AUTH_CHECK) StartupEvent event) {
        if (serving) {
            SigningKeys keys = tokens().keys();
            LOG.infof("recommendation ids signed with key %s; verified with %s", keys.ids().get(0), keys.ids());
        }
    }

    /** The codec of ids under the configured keys. */
    AnswerToken tokens() {
        AnswerToken current = tokens;
        if (current == null) {
            synchronized (this) {
                if (tokens == null) {
                    tokens = new AnswerToken(load());
                }
                current = tokens;
            }
        }
        return current;
    }

    private SigningKeys load() {
        List<String> entries = config.keys().orElse(List.of());
        if (entries.isEmpty() && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            entries = List.of(devKey(config.devKeyFile()));
        }
        try {
            return SigningKeys.parse(entries);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("Cannot sign recommendation ids: " + SETTING
                    + " (RECOMMEND_ATTRIBUTION_KEYS): " + e.getMessage(), Set.of(SETTING));
        }
    }

    /** The dev key kept in {@code file}, generated there first. */
    static String devKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] secret = new byte[SigningKeys.MIN_BYTES];
                new SecureRandom().nextBytes(secret);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, "dev:" + Base64.getEncoder().encodeToString(secret) + "\n",
                        StandardCharsets.US_ASCII);
                LOG.infof("generated a dev-only attribution key in %s", file);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the dev attribution key in " + file, e);
        }
    }
}
