package com.example.profiles.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.PackagedApp;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Two packaged service processes against one engine, as two pods of one region. Each serves half of the answers
 * and takes the events of the other's answers; the report, asked of either, is the sum of both (equal to the sum
 * of their own Prometheus counters). Then one of them is killed with SIGKILL while it serves: the report keeps
 * every event it acknowledged and every served answer but those of its last flush interval (plus the time a
 * flush in progress takes to land, {@link #SLACK}).
 */
class CountersSurviveIT {

    private static final Duration FLUSH = Duration.ofSeconds(2);
    /** A flush that took its counts just before the kill may not have reached the engine (a loaded 2-core box). */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final int USERS = 6;
    private static final int ANSWERS_PER_USER_AND_PROCESS = 5;
    private static final int ANSWERS_BEFORE_KILL = 30;
    private static final Pattern SERVED_METRIC = Pattern.compile("(?m)^recommend_served_total\\{[^}]*} ([0-9.E]+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private DynoxideProcess engine;
    private PackagedApp a;
    private PackagedApp b;

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] { a, b, engine }) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort: the next test starts on fresh ports
            }
        }
    }

    record Served(String user, String id, List<String> items) {
    }

    /** What the events posted so far must add up to. */
    static final class Expected {
        long views;
        long purchases;
        BigDecimal revenue = BigDecimal.ZERO;
    }

    @Test
    void twoProcessesAddUpAndAKilledOneLosesAtMostItsLastFlushIntervalOfServedAnswersAndNoEvent() throws Exception {
        Path dir = Path.of("target", "reliability", "counters");
        engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, DynoxideProcess.freePort(), null,
                dir.resolve("engine.log"), Duration.ofSeconds(20));
        // A cold JVM's first transaction on a loaded 2-core box can take longer than the 1 s budget of a store call,
        // which answers 503; this test is about counts, not about that budget.
        Map<String, String> settings = Map.of("recommend.attribution.flush-interval", FLUSH.toSeconds() + "s",
                "profiles.create-tables-streams", "false", "profiles.failover.read-timeout", "5s");
        // one after the other: the first creates the tables
        a = PackagedApp.start(engine.endpoint(), "counters-a", settings);
        b = PackagedApp.start(engine.endpoint(), "counters-b", settings);

        for (int i = 0; i < 12; i++) {
            send(a, "PUT", "/v1/items/book-" + i, "{\"title\": \"Book " + i + "\", \"embedding\": [" + (i % 3) + ", "
                    + (i % 5) + ", " + (i % 7) + ", 1]}", 200, 201);
        }
        for (int u = 0; u < USERS; u++) {
            send(a, "PUT", "/v1/users/reader-" + u, "{\"user_name\": \"Reader\", \"user_features\": [0." + (u + 1)
                    + ", 0.2, -0.3, 0.4]}", 200, 201);
        }
        send(a, "POST", "/v1/catalog/reload", null, 200);
        send(b, "POST", "/v1/catalog/reload", null, 200);

        // both serve, each takes the other's events
        Expected expected = new Expected();
        int n = 0;
        for (int u = 0; u < USERS; u++) {
            for (int i = 0; i < ANSWERS_PER_USER_AND_PROCESS; i++) {
                Served fromA = recommend(a, "reader-" + u);
                Served fromB = recommend(b, "reader-" + u);
                postEvents(b, fromA, n++, expected);
                postEvents(a, fromB, n++, expected);
            }
        }
        long servedBoth = 2L * USERS * ANSWERS_PER_USER_AND_PROCESS;
        assertThat(servedMetric(a) + servedMetric(b)).as("the two processes' own counters").isEqualTo(servedBoth);
        JsonNode fromA = awaitServed(a, servedBoth);
        JsonNode fromB = report(b);
        assertThat(fromB.get("arms")).as("the report is the same in both processes").isEqualTo(fromA.get("arms"));
        assertThat(fromA.get("arms")).hasSize(1);
        JsonNode arm = fromA.get("arms").get(0);
        assertThat(arm.get("served").asLong()).as("served: the sum of both").isEqualTo(servedBoth);
        assertEvents(arm, expected);

        // b dies while it serves: what it flushed stays, and every event it acknowledged
        List<Long> answeredAt = new ArrayList<>();
        for (int i = 0; i < ANSWERS_BEFORE_KILL; i++) {
            Served answer = recommend(b, "reader-" + (i % USERS));
            answeredAt.add(System.nanoTime());
            postEvents(b, answer, n++, expected);
            Thread.sleep(200);
        }
        long killedAt = System.nanoTime();
        b.kill();
        assertThat(b.log()).as("no shutdown ran, so no last flush").doesNotContain("stopped in");
        long boundary = killedAt - FLUSH.plus(SLACK).toNanos();
        long surelyFlushed = answeredAt.stream().filter(t -> t < boundary).count();
        assertThat(surelyFlushed).as("answers served more than a flush interval before the kill").isPositive();

        JsonNode after = awaitServed(a, servedBoth + surelyFlushed);
        Thread.sleep(FLUSH.toMillis()); // nothing more arrives: b is gone
        after = report(a);
        JsonNode armAfter = after.get("arms").get(0);
        long servedByDying = armAfter.get("served").asLong() - servedBoth;
        System.out.printf("[counters] killed process: %d answers served, %d in the report, %d served within the last"
                + " %s before the kill%n", ANSWERS_BEFORE_KILL, servedByDying, ANSWERS_BEFORE_KILL - surelyFlushed,
                FLUSH.plus(SLACK));
        assertThat(servedByDying).as("served answers of the killed process in the report")
                .isBetween(surelyFlushed, (long) ANSWERS_BEFORE_KILL);
        assertEvents(armAfter, expected);
    }

    private Served recommend(PackagedApp app, String user) throws Exception {
        JsonNode answer = json.readTree(send(app, "GET", "/v1/users/" + user + "/recommendations?k=4", null, 200));
        List<String> items = new ArrayList<>();
        answer.get("items").forEach(item -> items.add(item.get("item_id").asText()));
        assertThat(items).isNotEmpty();
        return new Served(user, answer.get("recommendation_id").asText(), items);
    }

    /** A view of the answer's first item, and every third answer a purchase of its last, worth 9.99. */
    private void postEvents(PackagedApp app, Served answer, int n, Expected expected) throws Exception {
        StringBuilder body = new StringBuilder("{\"events\": [").append(event("v-" + n, "view", answer, 0, null));
        boolean buys = n % 3 == 0;
        if (buys) {
            body.append(", ").append(event("p-" + n, "purchase", answer, answer.items().size() - 1, "9.99"));
        }
        body.append("]}");
        JsonNode results = json.readTree(send(app, "POST", "/v1/users/" + answer.user() + "/events", body.toString(), 200))
                .get("results");
        results.forEach(r -> assertThat(r.get("attribution").asText()).as(r.toString()).isEqualTo("attributed"));
        expected.views++;
        if (buys) {
            expected.purchases++;
            expected.revenue = expected.revenue.add(new BigDecimal("9.99"));
        }
    }

    private static String event(String id, String type, Served answer, int index, String value) {
        return "{\"event_id\": \"" + id + "\", \"type\": \"" + type + "\", \"item_id\": \"" + answer.items().get(index)
                + "\", \"recommendation_id\": \"" + answer.id() + "\", \"position\": " + (index + 1)
                + (value == null ? "" : ", \"value\": " + value) + "}";
    }

    private static void assertEvents(JsonNode arm, Expected expected) {
        assertThat(arm.get("views").asLong()).as("views").isEqualTo(expected.views);
        assertThat(arm.get("purchases").asLong()).as("purchases").isEqualTo(expected.purchases);
        assertThat(arm.get("revenue").decimalValue()).as("revenue").isEqualByComparingTo(expected.revenue);
    }

    /** The report once its served count reached {@code served} (the flushes run every {@link #FLUSH}). */
    private JsonNode awaitServed(PackagedApp app, long served) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode report = report(app);
        while (System.nanoTime() < deadline) {
            JsonNode arms = report.get("arms");
            if (!arms.isEmpty() && arms.get(0).get("served").asLong() >= served) {
                return report;
            }
            Thread.sleep(250);
            report = report(app);
        }
        throw new AssertionError("the report did not reach " + served + " served answers: " + report);
    }

    private JsonNode report(PackagedApp app) throws Exception {
        return json.readTree(send(app, "GET", "/v1/models/report", null, 200));
    }

    private long servedMetric(PackagedApp app) throws Exception {
        Matcher m = SERVED_METRIC.matcher(send(app, "GET", "/q/metrics", null, 200));
        long sum = 0;
        while (m.find()) {
            sum += (long) Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private String send(PackagedApp app, String method, String path, String body, int... statuses)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.baseUrl() + path)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(statuses).as(method + " " + path + " answered " + response.statusCode() + ": " + response.body())
                .contains(response.statusCode());
        return response.body();
    }
}
