package com.example.profiles.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.PackagedApp;

/**
 * Crash of the store under write load. Eight writers PUT new profiles through the packaged
 * service while the engine (on disk) is killed with SIGKILL and restarted on the same file.
 * Passes when readiness follows the engine down and back up, every request is answered 2xx or
 * 503 problem in bounded time, and every acknowledged profile is in the engine afterwards.
 * <p>
 * The smoke variant (default build) runs one 5 s outage with loose time bounds, since the CI
 * machine may be loaded; the full variant runs three outages of 5-10 s and asserts the issue's
 * bounds: readiness DOWN within 5 s and UP within 10 s, every answer within 5 s.
 */
class FaultIT {

    private static final int WRITERS = 8;
    private static final String TABLE = "UserProfiles";

    record Outcome(String id, int status, String contentType, long millis) {
    }

    record Probe(long atNanos, int status) {
    }

    @Test
    void acknowledgedWritesSurviveAnEngineCrash() throws Exception {
        boolean full = Suite.full();
        int cycles = full ? 3 : 1;
        Duration downBound = Duration.ofSeconds(full ? 5 : 15);
        Duration upBound = Duration.ofSeconds(full ? 10 : 30);
        Duration answerBound = Duration.ofSeconds(full ? 5 : 15);
        Random random = new Random(Suite.seed());

        Path dir = Path.of("target", "reliability", "fault");
        Files.createDirectories(dir);
        Path db = dir.resolve("engine-" + System.nanoTime() + ".db");
        Path engineLog = dir.resolve("engine.log");
        int enginePort = DynoxideProcess.freePort();
        DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, enginePort, db, engineLog,
                Duration.ofSeconds(20));
        try (PackagedApp app = PackagedApp.start(engine.endpoint(), "fault", Map.of())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Probe> probes = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                pool.submit(() -> write(client, app, writer, running, outcomes));
            }
            pool.submit(() -> {
                while (running.get()) {
                    int status = app.readiness(client);
                    probes.add(new Probe(System.nanoTime(), status));
                    sleep(100);
                }
            });

            List<String> report = new ArrayList<>();
            sleep(2000);
            for (int cycle = 0; cycle < cycles; cycle++) {
                long killedAt = System.nanoTime();
                engine.kill();
                long down = awaitReadiness(probes, killedAt, false, upBound.plusSeconds(10));
                long outage = full ? 5000 + random.nextInt(5001) : 5000;
                sleep(Math.max(0, outage - (System.nanoTime() - killedAt) / 1_000_000));
                long restartedAt = System.nanoTime();
                engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, enginePort, db, engineLog,
                        Duration.ofSeconds(20));
                long up = awaitReadiness(probes, restartedAt, true, upBound.plusSeconds(30));
                report.add(String.format("cycle %d: outage %d ms, readiness DOWN after %d ms, UP %d ms after restart",
                        cycle + 1, outage, down, up));
                assertThat(Duration.ofMillis(down)).as("readiness DOWN after the kill").isLessThanOrEqualTo(downBound);
                assertThat(Duration.ofMillis(up)).as("readiness UP after the restart").isLessThanOrEqualTo(upBound);
                sleep(2000);
            }
            running.set(false);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> acknowledged = all.stream().filter(o -> o.status() / 100 == 2).toList();
            long unavailable = all.stream().filter(o -> o.status() == 503).count();
            long slowest = all.stream().mapToLong(Outcome::millis).max().orElse(0);
            report.add(String.format("%d requests: %d acknowledged, %d answered 503, slowest %d ms",
                    all.size(), acknowledged.size(), unavailable, slowest));
            report.forEach(line -> System.out.println("[fault] " + line));
            Files.write(dir.resolve("result.txt"), report);

            assertThat(all).allSatisfy(o -> {
                assertThat(o.status()).as("status of PUT %s", o.id()).isIn(200, 201, 503);
                if (o.status() == 503) {
                    assertThat(o.contentType()).as("503 of PUT %s", o.id()).startsWith("application/problem+json");
                }
                assertThat(Duration.ofMillis(o.millis())).as("answer time of PUT %s", o.id())
                        .isLessThanOrEqualTo(answerBound);
            });
            assertThat(unavailable).as("some writes met the outage").isPositive();
            assertThat(acknowledged.size()).as("writes acknowledged").isGreaterThan(WRITERS * cycles);

            try (EngineTables tables = new EngineTables(engine.endpoint())) {
                List<String> lost = acknowledged.stream().map(Outcome::id)
                        .filter(id -> !tables.exists(TABLE, "user_id", id)).toList();
                assertThat(lost).as("acknowledged profiles missing after recovery").isEmpty();
            }
        } finally {
            engine.close();
        }
    }

    private static void write(HttpClient client, PackagedApp app, int writer, AtomicBoolean running,
            ConcurrentLinkedQueue<Outcome> outcomes) {
        for (int n = 0; running.get(); n++) {
            String id = "fault-" + writer + "-" + n + "-" + System.nanoTime();
            long start = System.nanoTime();
            int status;
            String type = "";
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/users/" + id))
                        .timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"user_name\": \"writer " + writer + "\", "
                                + "\"attributes\": {\"n\": " + n + "}, \"user_features\": [0.25, 0.5, 1.0]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                status = response.statusCode();
                type = response.headers().firstValue("Content-Type").orElse("");
            } catch (Exception e) {
                status = -1;
            }
            outcomes.add(new Outcome(id, status, type, (System.nanoTime() - start) / 1_000_000));
            if (status == 503 || status == -1) {
                sleep(50);
            }
        }
    }

    /** Milliseconds from {@code since} to the first probe with the wanted state. */
    private static long awaitReadiness(ConcurrentLinkedQueue<Probe> probes, long since, boolean up, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (Probe probe : probes) {
                if (probe.atNanos() >= since && (probe.status() == 200) == up) {
                    return (probe.atNanos() - since) / 1_000_000;
                }
            }
            sleep(50);
        }
        throw new AssertionError("readiness never became " + (up ? "UP" : "DOWN") + " within " + timeout);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
