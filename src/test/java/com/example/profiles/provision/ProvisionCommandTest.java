package com.example.profiles.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The {@code provision} command against a fresh dynoxide: it creates the tables (names from the configuration),
 * a rerun creates nothing, and bad arguments exit with 2. One region only: dynoxide lacks the replica calls (see
 * {@link GlobalTableProvisionerTest}). The command runs in the test application rather than in a launch of its
 * own (a launch costs a whole start-up); {@link ProvisionJarIT} runs it through the packaged jar's entry point.
 */
@QuarkusTest
class ProvisionCommandTest {

    @Inject
    ProvisionCommand command;

    private static DynoxideProcess engine;

    @BeforeAll
    static void startEngine() {
        int port = DynoxideProcess.freePort();
        engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, null,
                Path.of("target", "dynoxide-provision-cmd-" + port + ".log"), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void provisionCreatesTheTablesOnceAndReportsEachAction() {
        Outcome first = provision("--regions", "eu-west-1", "--endpoint", engine.endpoint());
        assertThat(first.exitCode()).as(first.errors()).isZero();
        assertThat(first.output())
                .contains("created table UserProfiles in eu-west-1 (key user_id, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table Items in eu-west-1 (key item_id, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table UserEvents in eu-west-1 (key user_id + event_key, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table ExperimentCounters in eu-west-1 (key bucket + counter, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("enabled TTL on UserProfiles.expires_at")
                .contains("enabled TTL on UserEvents.expires_at")
                .contains("table UserProfiles ACTIVE in eu-west-1, no replicas")
                .contains("done");

        Outcome rerun = provision("--regions", "eu-west-1", "--endpoint", engine.endpoint());
        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.output())
                .doesNotContain("created table")
                .contains("table UserProfiles exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table Items exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table UserEvents exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table ExperimentCounters exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .doesNotContain("enabled TTL");
    }

    @Test
    void badArgumentsExitWithUsage() {
        Outcome missing = provision("--endpoint", engine.endpoint());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errors()).contains("--regions is required").contains("usage: provision");

        Outcome unknown = provision("--regions", "eu-west-1", "--frobnicate", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.errors()).contains("unknown argument '--frobnicate'");
    }

    private Outcome provision(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = command.run(List.of(args), o, e);
        }
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int exitCode, String output, String errors) {
    }
}
