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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.profiles.codec.FeatureCodec;
import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.GeneratedLines;
import com.example.profiles.support.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The engine (on disk) is killed in the middle of a streamed user vector import through the packaged service and
 * stays down past the batches' retries: the import stops with a {@code resume_from_line} before which every line's
 * vector is stored, and sending the input again from that line, once the engine is back, completes the load.
 */
class UserImportOutageIT {

    private static final int LINES = 3_000;
    private static final int KILL_AT_LINE = 1_000;
    private static final String MODEL = "outage-v2";

    private Path db;
    private int enginePort;
    private DynoxideProcess engine;
    private PackagedApp app;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void start() throws Exception {
        Path dir = Path.of("target", "reliability", "user-import-outage");
        Files.createDirectories(dir);
        db = dir.resolve("engine-" + System.nanoTime() + ".db");
        enginePort = DynoxideProcess.freePort();
        engine = startEngine();
        app = PackagedApp.start(engine.endpoint(), "user-import-outage", Map.of(
                "recommend.import.batch-attempts", "8",
                "recommend.import.retry-backoff", "200ms",
                "recommend.import.max-retry-backoff", "2s",
                "profiles.create-tables-streams", "false"));
        HttpResponse<String> defined = http.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/models/" + MODEL))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"dimension\": 4}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isEqualTo(201);
        List<Map<String, AttributeValue>> profiles = new ArrayList<>();
        for (int line = 1; line <= LINES; line++) {
            profiles.add(Map.of("user_id", AttributeValue.fromS(id(line)), "user_name", AttributeValue.fromS("User " + line),
                    "version", AttributeValue.fromN("1")));
        }
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            tables.putAll("UserProfiles", profiles);
        }
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        engine.close();
    }

    @Test
    void aLongOutageStopsAtAResumePointFromWhichTheInputIsSentAgain() throws Exception {
        GeneratedLines body = GeneratedLines.pausing(1, LINES, KILL_AT_LINE + 1, UserImportOutageIT::userLine);
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
                Map<String, AttributeValue> row = tables.item("UserProfiles", "user_id", id(line));
                assertThat(row).as("line %d before the resume point", line).containsKey("user_features:" + MODEL);
                assertThat(FeatureCodec.decode(row.get("user_features:" + MODEL).b().asByteArray())).containsExactly(vector(line));
            }
        }
        HttpResponse<String> resumed = http.send(importRequest(GeneratedLines.of(resumeFrom, LINES, UserImportOutageIT::userLine)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("imported").asLong()).isEqualTo(LINES - resumeFrom + 1L);
        assertThat(json(resumed).get("rejected_count").asLong()).isZero();
        assertThat(storedLines()).isEqualTo(LINES);
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            assertThat(tables.snapshot("UserFeatureHistory", "user_id")).as("no vector was replaced").isEmpty();
        }
        assertThat(app.errorLines()).isEmpty();
    }

    /** Until most lines before the pause are stored, so that the outage meets an import well under way. */
    private void awaitStoredLines(int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (storedLines() < atLeast) {
            assertThat(System.nanoTime()).as("%d lines stored within 90 s", atLeast).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private long storedLines() {
        try (EngineTables tables = new EngineTables(engine.endpoint())) {
            return tables.snapshot("UserProfiles", "user_id").values().stream()
                    .filter(item -> item.contains("user_features:" + MODEL)).count();
        }
    }

    private HttpRequest importRequest(GeneratedLines body) {
        return HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/models/" + MODEL + "/users/import"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
                .build();
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return new ObjectMapper().readTree(response.body());
    }

    private static String id(int line) {
        return "user-" + line;
    }

    private static float[] vector(int line) {
        return new float[] { line % 7, 1, 0, line % 3 };
    }

    private DynoxideProcess startEngine() {
        return DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, enginePort, db, db.resolveSibling("engine.log"),
                Duration.ofSeconds(30));
    }

    private static String userLine(int line) {
        float[] v = vector(line);
        return "{\"user_id\":\"" + id(line) + "\",\"features\":[" + v[0] + "," + v[1] + "," + v[2] + "," + v[3] + "]}\n";
    }
}
