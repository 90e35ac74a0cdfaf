package com.example.profiles.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.PackagedApp;

/**
 * {@code java -jar quarkus-run.jar provision ...} against an empty engine: exits 0 after creating the tables,
 * without serving HTTP and without the service's catalog load (which would fail: the Items table is what the
 * command creates), and without the settings only a serving pod needs (the token key, the attribution key).
 */
class ProvisionJarIT {

    @Test
    void provisionCommandCreatesTheTablesAndLoadsNoCatalog() throws Exception {
        Path log = Path.of("target", "reliability", "provision-jar.log");
        Files.createDirectories(log.getParent());
        try (DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, DynoxideProcess.freePort(),
                null, Path.of("target", "reliability", "provision-engine.log"), Duration.ofSeconds(20))) {
            // as an operator runs it: prod settings with neither a token key nor an attribution key, which only
            // a serving pod needs
            List<String> command = PackagedApp.command(engine.endpoint(), 0,
                    Map.of("profiles.auth.enabled", "true", "recommend.attribution.keys", ""));
            command.addAll(List.of("provision", "--regions", "us-west-2", "--endpoint", engine.endpoint(), "--timeout", "60s"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String output = Files.readString(log);
            assertThat(exited).as(output).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).contains("provisioning tables");
            assertThat(output.toLowerCase()).as("the provision command must not load the catalog").doesNotContain("catalog");
        }
    }
}
