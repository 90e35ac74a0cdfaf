package com.example.profiles.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged service processes on one engine stand for two regions' pods: a split written through one is
 * followed by the other within one catalog refresh (measured and printed; asserted within two, the machine
 * being shared), both assign every user as the stated function
 * does (checked against {@link ReferenceSplit}), a restarted process assigns the same, and growing an arm
 * moves users only into it. Every answer is scored by the model it was assigned, since every user has a vector
 * in both models. The 100,000-id shares and ramp of the pure function are {@code TrafficSplitTest}'s.
 */
class TwoRegionSplitIT {

    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final int USERS = 400;
    private static final int ITEMS = 40;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twoProcessesFollowOneSplitWithinARefreshAndAssignAsTheFunctionSays() throws Exception {
        Map<String, String> settings = Map.of("recommend.catalog.refresh", REFRESH.toSeconds() + "s");
        try (DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, DynoxideProcess.freePort(),
                null, Path.of("target", "reliability", "split-engine.log"), Duration.ofSeconds(20))) {
            PackagedApp a = PackagedApp.start(engine.endpoint(), "split-a", settings);
            PackagedApp b = PackagedApp.start(engine.endpoint(), "split-b", settings);
            try {
                seed(a);
                reload(a);
                reload(b);

                Map<String, Integer> first = Map.of("default", 90, "books-v2", 10);
                long written = putSplit(a, first, "two-regions");
                long converged = awaitAssignment(b, Map.of("default", 100), first, "two-regions");
                double seconds = (converged - written) / 1e9;
                System.out.printf("[split] the second process followed the new split %.2f s after it was written"
                        + " (refresh every %d s)%n", seconds, REFRESH.toSeconds());
                assertThat(seconds).as("seconds until the other process follows the split")
                        .isLessThanOrEqualTo(2.0 * REFRESH.toSeconds());

                // the writer follows its own write at its own next refresh, like any other pod
                awaitAssignment(a, Map.of("default", 100), first, "two-regions");
                Map<String, String> before = assignments(a, first, "two-regions");
                assertThat(assignments(b, first, "two-regions")).as("the other process").isEqualTo(before);

                b.close();
                b = PackagedApp.start(engine.endpoint(), "split-b2", settings);
                assertThat(assignments(b, first, "two-regions")).as("after a restart").isEqualTo(before);

                Map<String, Integer> grown = Map.of("default", 80, "books-v2", 20);
                putSplit(b, grown, "two-regions");
                awaitAssignment(a, first, grown, "two-regions");
                Map<String, String> after = assignments(a, grown, "two-regions");
                int moved = 0;
                for (Map.Entry<String, String> user : before.entrySet()) {
                    String now = after.get(user.getKey());
                    if (!now.equals(user.getValue())) {
                        assertThat(now).as(user.getKey() + " moved, and only into the grown arm").isEqualTo("books-v2");
                        moved++;
                    }
                }
                assertThat(moved).as("users moved into the grown arm").isPositive();
                assertThat(a.errorLines()).isEmpty();
                assertThat(b.errorLines()).isEmpty();
            } finally {
                a.close();
                b.close();
            }
        }
    }

    /** Items and users with vectors in both models: {@code default} (3 dimensions) and {@code books-v2} (4). */
    private void seed(PackagedApp app) throws Exception {
        StringBuilder items = new StringBuilder();
        StringBuilder itemVectors = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            items.append(String.format("{\"item_id\": \"s-%d\", \"title\": \"Book %d\", \"embedding\": [%d, 1, 0.5]}%n",
                    i, i, i % 5));
            itemVectors.append(String.format("{\"item_id\": \"s-%d\", \"embedding\": [1, %d, 0.5, 0.25]}%n", i, i % 7));
        }
        send(app, "POST", "/v1/items/import", "application/x-ndjson", items.toString(), 200);
        send(app, "PUT", "/v1/models/books-v2", "application/json", "{\"dimension\": 4}", 201);
        send(app, "POST", "/v1/models/books-v2/items/import", "application/x-ndjson", itemVectors.toString(), 200);
        StringBuilder userVectors = new StringBuilder();
        for (int u = 0; u < USERS; u++) {
            send(app, "PUT", "/v1/users/" + user(u), "application/json",
                    "{\"user_name\": \"Reader " + u + "\", \"user_features\": [1, " + (u % 3) + ", 0.5]}", 201);
            userVectors.append(String.format("{\"user_id\": \"%s\", \"features\": [0.5, 1, %d, 0.25]}%n", user(u), u % 4));
        }
        send(app, "POST", "/v1/models/books-v2/users/import", "application/x-ndjson", userVectors.toString(), 200);
    }

    private static String user(int u) {
        return "reader-" + u;
    }

    private long putSplit(PackagedApp app, Map<String, Integer> split, String salt) throws Exception {
        send(app, "PUT", "/v1/models/traffic", "application/json",
                JSON.writeValueAsString(Map.of("split", split, "salt", salt)), 200);
        return System.nanoTime();
    }

    /**
     * Polls with a user that {@code split} sends to books-v2 and {@code previous} did not, until the process
     * assigns it so; answers when.
     */
    private long awaitAssignment(PackagedApp app, Map<String, Integer> previous, Map<String, Integer> split, String salt)
            throws Exception {
        String probe = null;
        for (int u = 0; probe == null; u++) {
            if (ReferenceSplit.assign(split, salt, user(u)).equals("books-v2")
                    && !ReferenceSplit.assign(previous, salt, user(u)).equals("books-v2")) {
                probe = user(u);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (model(app, probe).path("assigned").asText().equals("books-v2")) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(app.baseUrl() + " did not follow the split " + split + " within 30 s");
    }

    /** Each user's assigned model as the process answers it, after checking it against the stated function. */
    private Map<String, String> assignments(PackagedApp app, Map<String, Integer> split, String salt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> answers = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                String id = user(u);
                answers.add(pool.submit(() -> model(app, id)));
            }
            Map<String, String> assigned = new HashMap<>();
            for (int u = 0; u < USERS; u++) {
                JsonNode model = answers.get(u).get();
                String expected = ReferenceSplit.assign(split, salt, user(u));
                assertThat(model.path("assigned").asText()).as(user(u) + " assigned").isEqualTo(expected);
                assertThat(model.path("name").asText()).as(user(u) + " scored by its assigned model").isEqualTo(expected);
                assertThat(model.path("dimension").asInt()).as(user(u) + " dimension")
                        .isEqualTo(expected.equals("books-v2") ? 4 : 3);
                assigned.put(user(u), expected);
            }
            return assigned;
        } finally {
            pool.shutdown();
        }
    }

    private JsonNode model(PackagedApp app, String user) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create(app.baseUrl() + "/v1/users/" + user + "/recommendations?k=3")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(user + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("model");
    }

    private void reload(PackagedApp app) throws Exception {
        send(app, "POST", "/v1/catalog/reload", null, "", 200);
    }

    private void send(PackagedApp app, String method, String path, String type, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                .timeout(Duration.ofSeconds(60));
        if (body.isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", type).method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
    }
}
