package com.example.profiles.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.example.profiles.support.EngineTables;
import com.example.profiles.support.GeneratedLines;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Measures the bulk user vector import on the local engine: N existing profiles (seeded straight into the engine),
 * then {@code POST /v1/models/bench-64/users/import} of N lines of 64 features twice: a first load (no vector to
 * replace) and a reload (every vector replaced, so every user also gets a history row). Prints users per second and
 * the JVM's CPU per 1,000 users (service and the test's line generator together). Runs only when asked, on a
 * quiet machine:
 * {@code ./mvnw -o test -Dtest=UserVectorImportBenchmark -Duser-import.bench.users=100000}; writes
 * {@code target/user-import-bench.txt}.
 */
@QuarkusTest
@TestProfile(UserVectorImportBenchmark.OwnTables.class)
@EnabledIfSystemProperty(named = "user-import.bench.users", matches = "\\d+")
class UserVectorImportBenchmark {

    public static class OwnTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            long run = System.nanoTime();
            return Map.of("profiles.table", "BenchProfiles" + run,
                    "feature-history.table", "BenchHistory" + run,
                    "profiles.auth.enabled", "false");
        }
    }

    private static final String MODEL = "bench-64";
    private static final int DIMENSION = 64;

    @Test
    void usersPerSecond() throws Exception {
        int users = Integer.getInteger("user-import.bench.users");
        String table = ConfigProvider.getConfig().getValue("profiles.table", String.class);
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://localhost:" + RestAssured.port;
        HttpResponse<String> defined = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/" + MODEL))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dimension\": " + DIMENSION + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(defined.statusCode()).as(defined.body()).isBetween(200, 201);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            List<Map<String, AttributeValue>> profiles = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                profiles.add(Map.of("user_id", AttributeValue.fromS(id(i)), "user_name", AttributeValue.fromS("User " + i),
                        "version", AttributeValue.fromN("1")));
                if (profiles.size() == 10_000) {
                    tables.putAll(table, profiles);
                    profiles.clear();
                }
            }
            tables.putAll(table, profiles);
        }
        String first = run(http, base, users, 1);
        String again = run(http, base, users, 2);
        String summary = String.format(Locale.ROOT, "user vector import, %d users x %d, local engine: first load %s;"
                + " reload (every vector replaced, history rows written) %s", users, DIMENSION, first, again);
        System.out.println("[user-import-bench] " + summary);
        Files.writeString(Path.of("target", "user-import-bench.txt"), summary + "\n");
    }

    /** One import of every user; answers its rate and CPU. */
    private static String run(HttpClient http, String base, int users, int seed) throws Exception {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/models/" + MODEL + "/users/import"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofHours(1))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines(users, seed))).build(),
                HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = new ObjectMapper().readTree(answer.body());
        assertThat(json.get("imported").asLong()).as(answer.body()).isEqualTo(users);
        return String.format(Locale.ROOT, "%.1f s, %.0f users/s, %.1f ms JVM CPU per 1,000 users", seconds, users / seconds,
                cpuMs * 1000 / users);
    }

    private static InputStream lines(int users, int seed) {
        Random random = new Random(seed);
        return GeneratedLines.of(0, users - 1, user -> line(user, random));
    }

    private static String id(int i) {
        return "bench-user-" + i;
    }

    /** One user's line of random features, drawn in line order from {@code random}. */
    private static String line(int user, Random random) {
        StringBuilder line = new StringBuilder(DIMENSION * 12).append("{\"user_id\":\"").append(id(user))
                .append("\",\"features\":[");
        for (int d = 0; d < DIMENSION; d++) {
            line.append(d == 0 ? "" : ",").append(random.nextFloat() * 2 - 1);
        }
        return line.append("]}\n").toString();
    }
}
