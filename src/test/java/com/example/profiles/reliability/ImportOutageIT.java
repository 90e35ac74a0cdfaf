package com.example.profiles.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.GeneratedLines;
import com.example.profiles.support.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine (on disk) is killed in the middle of a streamed import through the packaged service. A short
 * outage is ridden out by the batches' retries and the import completes; a long one stops it with a
 * {@code resume_from_line} before which every line is in the table, and sending the input again from that
 * line completes the catalog. The same holds for an import of one model's item vectors.
 */
class ImportOutageIT {

    private static final int LINES = 3_000;
    private static final int KILL_AT_LINE = 1_000;
    private static final String TABLE = "Items";

    private Path db;
    private int enginePort;
    private DynoxideProcess engine;
    private PackagedApp app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Path dir = Path.of("target", "reliability", "import-outage");
        Files.createDirectories(dir);
        db = dir.resolve("engine-" + System.nanoTime() + ".db");
        enginePort = DynoxideProcess.freePort();
        engine = startEngine();
        // Retries spanning about 5-14 s: a 1.5 s outage is ridden out, a 30 s one is not.
        app = PackagedApp.start(engine.endpoint(), "import-outage", Map.of(
                "recommend.import.batch-attempts", "8",
                "recommend.import.retry-backoff", "200ms",
                "recommend.import.max-retry-backoff", "2s",
                "profiles.create-tables-streams", "false"));
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        engine.close();
    }

    @Test
    void aShortOutageIsRiddenOut() throws Exception {
        GeneratedLines body = GeneratedLines.pausing(1, LINES, KILL_AT_LINE + 1, ImportOutageIT::itemLine);
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(importRequest(body), HttpResponse.BodyHandlers.ofString());
        assertThat(body.awaitPause(60)).isTrue();
        awaitStoredLines(KILL_AT_LINE - 200);
        engine.kill();
        body.resume();
        Thread.sleep(1_500);
        engine = startEngine();

        HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).get("imported").asLong()).isEqualTo(LINES);
        assertThat(storedLines()).isEqualTo(LINES);
        assertThat(app.errorLines()).isEmpty();
    }

    @Test
    void aLongOutageStopsAtAResumePointFromWhichTheInputIsSentAgain() throws Exception {
        GeneratedLines body = GeneratedLines.pausing(1, LINES, KILL_AT_LINE + 1, ImportOutageIT::itemLine);
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(importRequest(body), HttpResponse.BodyHandlers.ofString());
        assertThat(body.awaitPause(60)).isTrue();
        awaitStoredLines(KILL_AT_LINE - 200);
        engine.kill();
        body.resume();

        HttpResponse<String> stopped = answer.get(2, TimeUnit.MINUTES);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(503);
        assertThat(stopped.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        int resumeFrom = json(stopped).get("resume_from_line").asInt();
        assertThat(resumeFrom).isBetween(KILL_AT_LINE - 199, LINES);

        engine = startEngine();
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            for (int line = 1; line < resumeFrom; line++) {
                assertThat(tables.exists(TABLE, "item_id", id(line))).as("line %d before the resume point", line).isTrue();
            }
        }
        HttpResponse<String> resumed = http.send(importRequest(GeneratedLines.of(resumeFrom, LINES, ImportOutageIT::itemLine)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("imported").asLong()).isEqualTo(LINES - resumeFrom + 1L);
        assertThat(storedLines()).isEqualTo(LINES);
        assertThat(app.errorLines()).isEmpty();
    }

    @Test
    void aModelVectorImportStoppedByALongOutageResumesFromItsLine() throws Exception {
        HttpResponse<String> items = http.send(importRequest(GeneratedLines.of(1, LINES, ImportOutageIT::itemLine)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(items.statusCode()).as(items.body()).isEqualTo(200);
        HttpResponse<String> defined = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/models/" + MODEL))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dimension\": 3}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);

        GeneratedLines body = GeneratedLines.pausing(1, LINES, KILL_AT_LINE + 1, ImportOutageIT::vectorLine);
        CompletableFuture<HttpResponse<String>> answer = http.sendAsync(vectorImportRequest(body),
                HttpResponse.BodyHandlers.ofString());
        assertThat(body.awaitPause(60)).isTrue();
        awaitStoredVectors(KILL_AT_LINE - 200);
        engine.kill();
        body.resume();

        HttpResponse<String> stopped = answer.get(2, TimeUnit.MINUTES);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(503);
        int resumeFrom = json(stopped).get("resume_from_line").asInt();
        assertThat(resumeFrom).isBetween(KILL_AT_LINE - 199, LINES);

        engine = startEngine();
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            for (int line = 1; line < resumeFrom; line++) {
                assertThat(tables.item(TABLE, "item_id", id(line))).as("line %d before the resume point", line)
                        .containsKey("embedding:" + MODEL);
            }
        }
        HttpResponse<String> resumed = http.send(vectorImportRequest(GeneratedLines.of(resumeFrom, LINES, ImportOutageIT::vectorLine)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("imported").asLong()).isEqualTo(LINES - resumeFrom + 1L);
        assertThat(json(resumed).get("rejected_count").asLong()).isZero();
        assertThat(storedVectors()).isEqualTo(LINES);
        assertThat(app.errorLines()).isEmpty();
    }

    private static final String MODEL = "outage-v2";

    private static String vectorLine(int line) {
        return "{\"item_id\":\"" + id(line) + "\",\"embedding\":[" + (line % 5) + ",0,1]}\n";
    }

    private HttpRequest vectorImportRequest(GeneratedLines body) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/models/" + MODEL + "/items/import"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
    }

    private void awaitStoredVectors(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (storedVectors() < atLeast) {
            assertThat(System.nanoTime()).as("%d vectors stored within 60 s", atLeast).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long storedVectors() {
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            return tables.scan(TABLE).stream().filter(item -> item.containsKey("embedding:" + MODEL)).count();
        }
    }

    /** Until most lines before the pause are in the table, so that the outage meets an import well under way. */
    private void awaitStoredLines(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (storedLines() < atLeast) {
            assertThat(System.nanoTime()).as("%d lines stored within 60 s", atLeast).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long storedLines() {
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            return tables.snapshot(TABLE, "item_id").keySet().stream().filter(key -> key.startsWith("line-")).count();
        }
    }

    private HttpRequest importRequest(GeneratedLines body) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/items/import"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    private static String id(int line) {
        return "line-" + line;
    }

    private DynoxideProcess startEngine() {
        return DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, enginePort, db, db.resolveSibling("engine.log"),
                Duration.ofSeconds(30));
    }

    private static String itemLine(int line) {
        return "{\"item_id\":\"" + id(line) + "\",\"title\":\"Line " + line
                + "\",\"embedding\":[" + (line % 7) + ",1,0,0]}\n";
    }
}
