package com.example.profiles.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up check of the token verification key: what SmallRye JWT could not use is refused up front. */
class VerificationKeyTest {

    private static final ClassLoader LOADER = VerificationKeyTest.class.getClassLoader();

    @TempDir
    Path dir;

    private static KeyPair pair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private Optional<String> at(String location) {
        return VerificationKey.problem(Optional.empty(), Optional.of(location), LOADER);
    }

    private String file(String name, String content) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, content, StandardCharsets.US_ASCII);
        return path.toString();
    }

    @Test
    void aPemPublicKeyFileOrClassPathResourceIsAccepted() throws Exception {
        String pem = DevKeys.pem("PUBLIC KEY", pair().getPublic().getEncoded());
        assertThat(at(file("public-key.pem", pem))).isEmpty();
        assertThat(at("file:" + file("public-key2.pem", pem))).isEmpty();
        assertThat(at("test-jwt/public-key.pem")).isEmpty();
        assertThat(at("classpath:test-jwt/public-key.pem")).isEmpty();
        assertThat(VerificationKey.problem(Optional.of(pem), Optional.empty(), LOADER)).isEmpty();
    }

    @Test
    void aRemoteJwksIsLeftToSmallRyeJwt() {
        assertThat(at("https://auth.example.com/.well-known/jwks.json")).isEmpty();
    }

    @Test
    void aMissingFileIsNamedWithItsSetting() {
        String missing = dir.resolve("public-key.pem").toString();
        assertThat(at(missing)).hasValueSatisfying(problem -> assertThat(problem)
                .contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + missing).contains("no such file"));
        assertThat(at("no/such/resource.pem")).hasValueSatisfying(problem -> assertThat(problem)
                .contains("no such file or class-path resource"));
    }

    @Test
    void noKeyAtAllIsNamed() {
        assertThat(VerificationKey.problem(Optional.empty(), Optional.empty(), LOADER))
                .hasValueSatisfying(problem -> assertThat(problem).contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
    }

    @Test
    void aDirectoryIsNotReadableAsAKey() {
        assertThat(at(dir.toString())).hasValueSatisfying(problem -> assertThat(problem).contains("cannot be read"));
    }

    @Test
    void malformedKeysAreRefusedWithoutQuotingThem() throws Exception {
        String privatePem = DevKeys.pem("PRIVATE KEY", pair().getPrivate().getEncoded());
        assertThat(at(file("private.pem", privatePem))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("is a private key").doesNotContain(privatePem.substring(40, 80)));
        assertThat(at(file("empty.pem", ""))).hasValueSatisfying(problem -> assertThat(problem).contains("empty"));
        assertThat(at(file("garbage.pem", "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n")))
                .hasValueSatisfying(problem -> assertThat(problem).contains("not a usable public key"));
        assertThat(at(file("jwks.json", "{\"keys\": 3}"))).hasValueSatisfying(problem -> assertThat(problem)
                .contains("no JWK set"));
        assertThat(VerificationKey.problem(Optional.of("nonsense"), Optional.empty(), LOADER))
                .hasValueSatisfying(problem -> assertThat(problem).startsWith("MP_JWT_VERIFY_PUBLICKEY "));
    }
}
