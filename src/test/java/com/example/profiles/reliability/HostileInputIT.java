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

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.PackagedApp;
import com.example.profiles.support.RawHttp;

/**
 * Hostile input against the packaged service: every request of {@link HostileCases} must be
 * answered 4xx application/problem+json (never 5xx, never a hang), and the engine's tables,
 * read directly, must be byte-for-byte what they were before. The default build sends the fixed
 * set; {@code -Preliability-suites} adds 2000 seeded fuzzed requests ({@code -Dreliability.seed}).
 */
class HostileInputIT {

    @Test
    void everyHostileRequestIsRefusedWithAProblemAndWritesNothing() throws Exception {
        List<HostileCases.Case> cases = new ArrayList<>(HostileCases.fixed());
        if (Suite.full()) {
            cases.addAll(HostileCases.fuzzed(Suite.seed(), Integer.getInteger("reliability.fuzz-count", 2000)));
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(100);

        int enginePort = DynoxideProcess.freePort();
        try (DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, enginePort, null,
                Path.of("target", "reliability", "hostile-engine.log"), Duration.ofSeconds(20));
                PackagedApp app = PackagedApp.start(engine.endpoint(), "hostile", Map.of());
                EngineTables tables = new EngineTables(engine.endpoint())) {
            seed(app);
            Map<String, String> profilesBefore = tables.snapshot("UserProfiles", "user_id");
            Map<String, String> itemsBefore = tables.snapshot("Items", "item_id");
            Map<String, String> eventsBefore = tables.snapshot("UserEvents", "event_key");
            Map<String, String> historyBefore = tables.snapshot("UserFeatureHistory", "valid_from");

            List<String> failures = new ArrayList<>();
            List<String> codecRefusals = new ArrayList<>();
            int validReads = 0;
            for (HostileCases.Case c : cases) {
                RawHttp.Reply reply;
                try {
                    reply = RawHttp.send(app.port(), c.head(), c.body(), 30_000);
                } catch (Exception e) {
                    failures.add(c.name() + ": no answer (" + e + ")");
                    continue;
                }
                boolean refused = reply.status() >= 400 && reply.status() < 500;
                if (c.readOnly() && reply.status() / 100 == 2) {
                    validReads++;
                    continue;
                }
                if (c.codec() && refused && !reply.isProblem()) {
                    codecRefusals.add(c.name() + ": " + reply.status());
                    continue;
                }
                if (!refused || !reply.isProblem()) {
                    failures.add(c.name() + ": " + reply.status() + " " + reply.header("content-type") + " "
                            + abbreviate(reply.text()));
                }
            }
            assertThat(failures).as("requests not refused with a 4xx problem").isEmpty();
            assertThat(app.readiness(HttpClient.newHttpClient())).as("still ready").isEqualTo(200);
            assertThat(tables.snapshot("UserProfiles", "user_id")).as("profiles table").isEqualTo(profilesBefore);
            assertThat(tables.snapshot("Items", "item_id")).as("items table").isEqualTo(itemsBefore);
            assertThat(tables.snapshot("UserEvents", "event_key")).as("events table").isEqualTo(eventsBefore);
            assertThat(tables.snapshot("UserFeatureHistory", "valid_from")).as("feature history table").isEqualTo(historyBefore);
            // Bad input is the client's fault: an ERROR line (with a stack trace) per hostile request would let
            // anyone flood the logs and page whoever watches them.
            assertThat(app.errorLines())
                    .as("hostile requests logged as server errors").isEmpty();
            String summary = cases.size() + " hostile requests refused with a 4xx problem (" + validReads
                    + " fuzzed batch-gets happened to be valid reads: 200), store unchanged ("
                    + profilesBefore.size() + " profiles, " + itemsBefore.size() + " items); refused by the HTTP codec"
                    + " without a problem body: " + codecRefusals;
            System.out.println("[hostile] " + summary);
            Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(Path.of("target", "reliability", "hostile-result.txt"), summary + "\n");
        }
    }

    private static void seed(PackagedApp app) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        send(client, app, "PUT", "/v1/users/" + HostileCases.VICTIM, HostileCases.VALID_PROFILE, 201);
        send(client, app, "PUT", "/v1/items/book-1", "{\"title\": \"A book\", \"embedding\": [0.5, 0.25, 1.0]}", 201);
        send(client, app, "POST", "/v1/catalog/reload", null, 200);
    }

    private static void send(HttpClient client, PackagedApp app, String method, String path, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(expected, expected + 1);
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
