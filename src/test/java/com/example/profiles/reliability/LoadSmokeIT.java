package com.example.profiles.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.PackagedApp;

/**
 * Smoke variant of the load suite ({@code scripts/load/run.sh} runs wrk for 60 s): a few seconds
 * of concurrent GET profile and GET recommendations against the packaged service with the JDK's
 * HTTP client, so that it needs nothing installed. Asserts zero errors, not speed.
 */
class LoadSmokeIT {

    private static final int CLIENTS = 4;
    private static final int USERS = 50;

    @Test
    void concurrentReadsAllSucceed() throws Exception {
        Duration length = Duration.ofSeconds(Suite.full() ? 30 : 5);
        try (DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, DynoxideProcess.freePort(),
                null, Path.of("target", "reliability", "load-engine.log"), Duration.ofSeconds(20));
                PackagedApp app = PackagedApp.start(engine.endpoint(), "load", Map.of())) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            seed(client, app);

            LongAdder ok = new LongAdder();
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            long end = System.nanoTime() + length.toNanos();
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int clientNo = c;
                runs.add(pool.submit(() -> {
                    for (int n = 0; System.nanoTime() < end; n++) {
                        String user = "load-" + ((n * CLIENTS + clientNo) % USERS);
                        String path = n % 2 == 0 ? "/v1/users/" + user : "/v1/users/" + user + "/recommendations?k=10";
                        try {
                            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + path))
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                            if (response.statusCode() == 200) {
                                ok.increment();
                            } else {
                                errors.add(path + " -> " + response.statusCode() + " " + response.body());
                            }
                        } catch (Exception e) {
                            errors.add(path + " -> " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
            pool.shutdown();
            System.out.printf("[load-smoke] %d requests in %s, %.0f req/s, %d errors%n", ok.sum(), length,
                    ok.sum() / (double) length.toSeconds(), errors.size());
            assertThat(errors).as("failed requests").isEmpty();
            assertThat(ok.sum()).isPositive();
            assertThat(app.errorLines())
                    .as("ERROR lines under a normal load").isEmpty();
        }
    }

    private static void seed(HttpClient client, PackagedApp app) throws Exception {
        StringBuilder ndjson = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            ndjson.append("{\"item_id\": \"book-").append(i).append("\", \"title\": \"Book ").append(i)
                    .append("\", \"embedding\": [").append(vector(i, 16)).append("]}\n");
        }
        HttpResponse<String> imported = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/items/import"))
                .header("Content-Type", "application/x-ndjson").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(ndjson.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        for (int u = 0; u < USERS; u++) {
            HttpResponse<String> put = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/users/load-" + u))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"user_name\": \"User " + u + "\", \"user_features\": ["
                            + vector(1000 + u, 16) + "]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isIn(200, 201);
        }
        HttpResponse<String> reload = client.send(HttpRequest.newBuilder(URI.create(app.baseUrl() + "/v1/catalog/reload"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
    }

    static String vector(int seed, int dimension) {
        java.util.Random random = new java.util.Random(seed);
        StringBuilder v = new StringBuilder();
        for (int d = 0; d < dimension; d++) {
            v.append(d == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.4f", random.nextGaussian()));
        }
        return v.toString();
    }
}
