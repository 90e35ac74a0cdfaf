package com.example.profiles.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.example.profiles.localengine.DynoxideProcess;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, as {@code ./mvnw package}
 * leaves it) as a child JVM, pointed at an engine by system properties: what the reliability
 * suites exercise is the artifact that ships, not a test harness.
 */
public final class PackagedApp implements AutoCloseable {

    public static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** The packaged runs' attribution key (prod refuses to start without one): public, valid nowhere else. */
    public static final String ATTRIBUTION_KEYS = "suite:c3VpdGUtb25seSBhdHRyaWJ1dGlvbiBrZXksIG5vdCBhIHNlY3JldCE=";

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedApp(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the jar against the engine at {@code endpoint}, creating tables, and waits until it is ready. */
    public static PackagedApp start(String endpoint, String name, Map<String, String> extraProperties) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw package (or verify) first");
        }
        int port = DynoxideProcess.freePort();
        Path log = Path.of("target", "reliability", name + "-app.log");
        List<String> command = command(endpoint, port, extraProperties);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            PackagedApp app = new PackagedApp(process, port, log);
            app.awaitReady(Duration.ofSeconds(90));
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + JAR, e);
        }
    }

    /**
     * {@code java ... -jar quarkus-run.jar} against the engine at {@code endpoint} with static test
     * credentials, table creation on and the token check off, then {@code extraProperties}; callers may
     * append command arguments.
     */
    public static List<String> command(String endpoint, int port, Map<String, String> extraProperties) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx256m"));
        Map<String, String> properties = new java.util.LinkedHashMap<>(Map.of(
                "quarkus.http.port", Integer.toString(port),
                "quarkus.dynamodb.endpoint-override", endpoint,
                "quarkus.dynamodb.aws.region", "us-west-2",
                "quarkus.dynamodb.aws.credentials.type", "static",
                "quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "test",
                "quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "test",
                "profiles.create-tables", "true",
                "profiles.region", "us-west-2"));
        // The suites are about load, faults and hostile bodies, not access control (AuthTest
        // covers that): the jar runs with its prod settings but without the token check.
        properties.put("profiles.auth.enabled", "false");
        // Prod requires a key for the answers' recommendation ids; this one is the suites' own.
        properties.put("recommend.attribution.keys", ATTRIBUTION_KEYS);
        properties.putAll(extraProperties);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(JAR.toString());
        return command;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** What the service has logged so far. */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** The ERROR lines the service has logged so far (its log is JSON in the packaged prod profile). */
    public List<String> errorLines() {
        return log().lines().filter(line -> line.contains("\"level\":\"ERROR\"")).toList();
    }

    /** HTTP status of the readiness probe, or -1 if it did not answer. */
    public int readiness(HttpClient client) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + ":\n" + log());
            }
            if (readiness(client) == 200) {
                return;
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("the service was not ready within " + timeout + ":\n" + log());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL, as a crashed pod dies: no shutdown hook runs. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
