package com.example.profiles.support;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import com.example.profiles.security.Roles;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;

/**
 * Tokens for the tests, signed with the test-only key in src/test/resources/test-jwt (the one
 * {@code %test.mp.jwt.verify.publickey.location} trusts), and deliberately bad ones.
 */
public final class TestTokens {

    /** Must equal {@code %test.mp.jwt.verify.issuer}. */
    public static final String ISSUER = "https://issuer.test.example";
    private static volatile PrivateKey key;

    private TestTokens() {
    }

    public static String allRoles() {
        return withRoles(Roles.ALL.toArray(String[]::new));
    }

    public static String withRoles(String... roles) {
        return claims(ISSUER, roles).expiresIn(Duration.ofHours(1)).sign(key());
    }

    /** Expired an hour ago: well past SmallRye JWT's default clock skew of a minute. */
    public static String expired() {
        Instant issued = Instant.now().minus(Duration.ofHours(2));
        return claims(ISSUER, Roles.ALL.toArray(String[]::new)).issuedAt(issued)
                .expiresAt(Instant.now().minus(Duration.ofHours(1))).sign(key());
    }

    /** Well-formed and unexpired, but signed by a key the service does not trust. */
    public static String forged() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(ISSUER, Roles.ALL.toArray(String[]::new)).expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signed with the trusted key, but by an issuer the service does not accept. */
    public static String wrongIssuer() {
        return claims("https://issuer.elsewhere.example", Roles.ALL.toArray(String[]::new))
                .expiresIn(Duration.ofHours(1)).sign(key());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(String issuer, String... roles) {
        return Jwt.issuer(issuer).subject("test-client").groups(Set.of(roles));
    }

    private static PrivateKey key() {
        if (key == null) {
            try {
                key = KeyUtils.readPrivateKey("test-jwt/private-key.pem");
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the test JWT key", e);
            }
        }
        return key;
    }
}
