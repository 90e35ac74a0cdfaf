package com.example.profiles.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * The jar's entry point dispatches {@code provision}: against a fresh dynoxide it creates both
 * tables (names from the configuration), a rerun creates nothing, and bad arguments exit with 2.
 * One region only: dynoxide lacks the replica calls (see {@link GlobalTableProvisionerTest}).
 */
@QuarkusMainTest
class ProvisionCommandTest {

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
    void provisionCreatesTheTablesOnceAndReportsEachAction(QuarkusMainLauncher launcher) {
        LaunchResult first = launcher.launch("provision", "--regions", "eu-west-1", "--endpoint", engine.endpoint());
        assertThat(first.exitCode()).as(first.getErrorOutput()).isZero();
        assertThat(first.getOutput())
                .contains("created table UserProfiles in eu-west-1 (key user_id, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table Items in eu-west-1 (key item_id, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table UserEvents in eu-west-1 (key user_id + event_key, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("created table ExperimentCounters in eu-west-1 (key bucket + counter, on-demand, stream NEW_AND_OLD_IMAGES)")
                .contains("enabled TTL on UserProfiles.expires_at")
                .contains("enabled TTL on UserEvents.expires_at")
                .contains("table UserProfiles ACTIVE in eu-west-1, no replicas")
                .contains("done");

        LaunchResult rerun = launcher.launch("provision", "--regions", "eu-west-1", "--endpoint", engine.endpoint());
        assertThat(rerun.exitCode()).isZero();
        assertThat(rerun.getOutput())
                .doesNotContain("created table")
                .contains("table UserProfiles exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table Items exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table UserEvents exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .contains("table ExperimentCounters exists in eu-west-1 (ACTIVE, stream NEW_AND_OLD_IMAGES): not created")
                .doesNotContain("enabled TTL");
    }

    @Test
    void badArgumentsExitWithUsage(QuarkusMainLauncher launcher) {
        LaunchResult missing = launcher.launch("provision", "--endpoint", engine.endpoint());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.getErrorOutput()).contains("--regions is required").contains("usage: provision");

        LaunchResult unknown = launcher.launch("provision", "--regions", "eu-west-1", "--frobnicate", "x");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.getErrorOutput()).contains("unknown argument '--frobnicate'");
    }
}
