package com.example.profiles.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.PackagedApp;

/**
 * The packaged jar with authentication on and a verification key it cannot use stops at start-up
 * with one line naming the setting (it used to start and answer every request with a 500).
 */
class AuthMisconfigurationJarIT {

    private static List<String> run(String name, Map<String, String> properties) throws Exception {
        int port = DynoxideProcess.freePort();
        // No engine is needed: the check runs before the first DynamoDB call.
        List<String> command = PackagedApp.command("http://127.0.0.1:" + DynoxideProcess.freePort(), port, properties);
        Path log = Path.of("target", "reliability", name + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the jar exits by itself").isTrue();
            assertThat(process.exitValue()).as("exit status").isNotZero();
            return Files.readAllLines(log);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aMissingKeyFileStopsStartUpWithOneLine() throws Exception {
        String missing = Path.of("target", "no-such-dir", "public-key.pem").toAbsolutePath().toString();
        List<String> output = run("auth-missing-key", Map.of("profiles.auth.enabled", "true",
                "mp.jwt.verify.publickey.location", missing, "mp.jwt.verify.issuer", "https://issuer.test.example"));
        assertThat(output).as("the refusal").filteredOn(l -> l.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + missing))
                .hasSize(1);
        assertThat(output).as("no stack trace").noneMatch(l -> l.startsWith("\tat "));
        assertThat(output).as("it never listened").noneMatch(l -> l.contains("Listening on"));
    }

    @Test
    void aPrivateKeyGivenAsPublicKeyOrAMissingIssuerStopStartUp() throws Exception {
        String privateKey = Path.of("src", "test", "resources", "test-jwt", "private-key.pem").toAbsolutePath().toString();
        assertThat(run("auth-private-key", Map.of("profiles.auth.enabled", "true",
                "mp.jwt.verify.publickey.location", privateKey, "mp.jwt.verify.issuer", "https://issuer.test.example")))
                .filteredOn(l -> l.contains("is a private key")).hasSize(1);
        String publicKey = Path.of("src", "test", "resources", "test-jwt", "public-key.pem").toAbsolutePath().toString();
        assertThat(run("auth-no-issuer", Map.of("profiles.auth.enabled", "true",
                "mp.jwt.verify.publickey.location", publicKey)))
                .filteredOn(l -> l.contains("MP_JWT_VERIFY_ISSUER is not set")).hasSize(1);
    }
}
