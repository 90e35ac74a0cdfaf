package com.example.profiles.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKey;

import io.smallrye.jwt.util.KeyUtils;

/**
 * Checks at start-up that the token verification key can actually be read and parsed, the way
 * SmallRye JWT will read it on the first request: a PEM (or bare base64) public key or
 * certificate, or a JWK set, given inline or as a file, {@code file:} or {@code classpath:}
 * location. A remote {@code http(s)} JWKS is fetched by SmallRye JWT itself and not checked here.
 * The answer names the setting and says what is wrong, never the key material.
 */
final class VerificationKey {

    static final String LOCATION_ENV = "MP_JWT_VERIFY_PUBLICKEY_LOCATION";
    static final String INLINE_ENV = "MP_JWT_VERIFY_PUBLICKEY";
    /** SmallRye JWT's default for the inline key: not set. */
    static final String NONE = "NONE";

    private VerificationKey() {
    }

    /** Why the configured key cannot verify tokens, or empty when it can (or cannot be checked here). */
    static Optional<String> problem(Optional<String> inline, Optional<String> location, ClassLoader classLoader) {
        if (inline.isPresent() && !inline.get().isBlank() && !NONE.equals(inline.get().trim())) {
            return unparsable(inline.get()).map(why -> INLINE_ENV + " is not a usable public key: " + why);
        }
        if (location.isEmpty() || location.get().isBlank()) {
            return Optional.of("no token verification key is set: set " + LOCATION_ENV + " (or " + INLINE_ENV + ")");
        }
        String where = location.get().trim();
        String lower = where.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return Optional.empty();
        }
        Optional<String> content;
        try {
            content = read(where, classLoader);
        } catch (IOException | InvalidPathException e) {
            return Optional.of(LOCATION_ENV + "=" + where + " cannot be read: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        if (content.isEmpty()) {
            return Optional.of(LOCATION_ENV + "=" + where + ": no such file" + (where.startsWith("/") ? "" : " or class-path resource")
                    + " (create the key pair first, e.g. scripts/local-jwt.sh for a local try)");
        }
        return unparsable(content.get()).map(why -> LOCATION_ENV + "=" + where + " is not a usable public key: " + why);
    }

    private static Optional<String> read(String location, ClassLoader classLoader) throws IOException {
        if (location.startsWith("classpath:")) {
            return classPath(location.substring("classpath:".length()), classLoader);
        }
        Path path = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
        if (Files.exists(path)) {
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new IOException("not a readable file");
            }
            return Optional.of(Files.readString(path, StandardCharsets.UTF_8));
        }
        return location.startsWith("file:") ? Optional.empty() : classPath(location, classLoader);
    }

    private static Optional<String> classPath(String name, ClassLoader classLoader) throws IOException {
        String resource = name.startsWith("/") ? name.substring(1) : name;
        try (InputStream in = classLoader.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** Why {@code content} holds no public key SmallRye JWT could verify RS256 tokens with. */
    static Optional<String> unparsable(String content) {
        String text = content.trim();
        if (text.isEmpty()) {
            return Optional.of("it is empty");
        }
        if (text.startsWith("{")) {
            List<JsonWebKey> keys;
            try {
                keys = KeyUtils.loadJsonWebKeys(text);
            } catch (RuntimeException e) {
                keys = null;
            }
            return keys == null || keys.isEmpty() ? Optional.of("it looks like JSON but holds no JWK set") : Optional.empty();
        }
        if (text.contains("PRIVATE KEY-----")) {
            return Optional.of("it is a private key; give the service the public key only");
        }
        try {
            if (text.contains("-----BEGIN CERTIFICATE-----")) {
                KeyUtils.decodeCertificate(text);
            } else {
                KeyUtils.decodePublicKey(text);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("it is neither a PEM public key, a certificate nor a JWK set");
        }
    }
}
