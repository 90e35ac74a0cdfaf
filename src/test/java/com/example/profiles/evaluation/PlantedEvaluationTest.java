package com.example.profiles.evaluation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;

/**
 * A planted world against the real engine, set up through the public API as an ML team would. Items carry known
 * latent vectors (8 taste dimensions and a popularity bias); each user draws {@value #BEFORE} + {@value #AFTER}
 * distinct purchases from their softmax over the true scores, the first before the cutoff and the rest after it.
 * The user vectors are written with an {@code event_time} well before the cutoff (the bulk import's), so the
 * evaluation must read them from the point-in-time store. Planted on top: {@value #LATER} users get a later vector
 * (the negated taste, after the cutoff) that would change the answer if it were used, and {@value #UNKNOWN} users
 * have events but a vector only after the cutoff (skipped). The true model must beat popularity by 3x in
 * precision@10 and NDCG@10, a model whose user vectors are shifted one user along must not, and every figure
 * must equal the brute-force reference computed here from the same draws. Vector components are multiples of
 * 1/8, so every score is exact in float32 and the order (ties by item id) is the same in the service and here.
 */
@QuarkusTest
@TestProfile(PlantedEvaluationTest.OwnTables.class)
@ExtendWith(AllRolesToken.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlantedEvaluationTest {

    public static class OwnTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // own tables: the evaluation scans every event, and other tests' events must not join the world
            return Map.of("recommend.items-table", "EvalItems", "profiles.table", "EvalProfiles",
                    "events.table", "EvalEvents", "feature-history.table", "EvalHistory",
                    "recommend.catalog.refresh", "1h");
        }
    }

    @jakarta.inject.Inject
    com.example.profiles.evaluation.command.EvaluateCommand command;

    static final int USERS = 80;
    static final int UNKNOWN = 5;
    static final int LATER = 15;
    static final int ITEMS = 150;
    static final int TASTE = 8;
    static final int BEFORE = 4;
    static final int AFTER = 3;
    static final double BETA = 3;
    static final double BIAS = 0.5;
    static final int[] KS = { 5, 10, 25 };
    static final double TOLERANCE = 1e-9;
    static final String TRUTH = "eval-truth";
    static final String SHIFTED = "eval-shifted";
    static final String NDJSON = "application/x-ndjson";

    /** Cutoff and window in the past: events may not lie in the future. */
    final Instant cutoff = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(10));
    final Instant until = cutoff.plus(Duration.ofDays(5));

    final String[] items = new String[ITEMS];
    final float[][] itemVectors = new float[ITEMS][];
    /** Ids of the evaluated users, then of the unknown ones. */
    final List<String> users = new ArrayList<>();
    final Map<String, float[]> vectorAtCutoff = new HashMap<>();
    final Map<String, float[]> laterVector = new HashMap<>();
    final Map<String, Set<String>> seen = new HashMap<>();
    final Map<String, Set<String>> relevant = new HashMap<>();
    final Map<String, Integer> popularity = new HashMap<>();

    private boolean planted;

    /** Once per class, from the first test (REST Assured knows the test port only then). */
    private void plantTheWorld() {
        if (planted) {
            return;
        }
        planted = true;
        long started = System.nanoTime();
        long mark = started;
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < ITEMS; i++) {
            items[i] = String.format("ev-item-%03d", i);
            float[] v = new float[TASTE + 1];
            for (int d = 0; d < TASTE; d++) {
                v[d] = (random.nextInt(17) - 8) / 8f;
            }
            v[TASTE] = Math.round((random.nextDouble() * 2 - 1) * BIAS * 8) / 8f;
            itemVectors[i] = v;
        }
        for (int u = 0; u < USERS + UNKNOWN; u++) {
            String user = String.format("ev-user-%03d", u);
            users.add(user);
            float[] taste = new float[TASTE + 1];
            for (int d = 0; d < TASTE; d++) {
                taste[d] = (random.nextInt(17) - 8) / 8f;
            }
            taste[TASTE] = 1;
            List<Integer> drawn = draws(taste, random);
            Set<String> before = new LinkedHashSet<>();
            drawn.subList(0, BEFORE).forEach(i -> before.add(items[i]));
            Set<String> after = new LinkedHashSet<>();
            drawn.subList(BEFORE, BEFORE + AFTER).forEach(i -> after.add(items[i]));
            seen.put(user, before);
            relevant.put(user, after);
            before.forEach(item -> popularity.merge(item, 1, Integer::sum));
            if (u < USERS) {
                vectorAtCutoff.put(user, taste);
            }
            if (u < LATER || u >= USERS) {
                float[] later = taste.clone();
                for (int d = 0; d < TASTE; d++) {
                    later[d] = -later[d];
                }
                laterVector.put(user, later);
            }
        }

        StringBuilder lines = new StringBuilder();
        StringBuilder truth = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            lines.append(Json.object().put("item_id", items[i]).put("title", "Book " + i)
                    .put("embedding", Json.numbers(itemVectors[i]))).append('\n');
            truth.append(Json.object().put("item_id", items[i]).put("embedding", Json.numbers(itemVectors[i]))).append('\n');
        }
        imported("/v1/items/import", lines, ITEMS);
        for (String model : List.of(TRUTH, SHIFTED)) {
            given().contentType(ContentType.JSON).body("{\"dimension\": " + (TASTE + 1) + ", \"metric\": \"dot\"}")
                    .put("/v1/models/" + model).then().statusCode(oneOf(200, 201));
            imported("/v1/models/" + model + "/items/import", truth, ITEMS);
        }
        for (String user : users) {
            given().contentType(ContentType.JSON).body("{\"user_name\": \"Reader\"}").put("/v1/users/" + user)
                    .then().statusCode(oneOf(200, 201));
        }
        String past = cutoff.minus(Duration.ofDays(30)).toString();
        StringBuilder valid = new StringBuilder();
        StringBuilder shifted = new StringBuilder();
        for (int u = 0; u < USERS; u++) {
            String user = users.get(u);
            valid.append(vectorLine(user, vectorAtCutoff.get(user), past));
            // a derangement: each user gets the next user's vector, never their own
            shifted.append(vectorLine(user, vectorAtCutoff.get(users.get((u + 1) % USERS)), past));
        }
        imported("/v1/models/" + TRUTH + "/users/import", valid, USERS);
        imported("/v1/models/" + SHIFTED + "/users/import", shifted, USERS);
        StringBuilder later = new StringBuilder();
        laterVector.forEach((user, vector) -> later.append(vectorLine(user, vector,
                cutoff.plus(Duration.ofDays(1)).toString())));
        imported("/v1/models/" + TRUTH + "/users/import", later, laterVector.size());
        System.out.printf("planted items, profiles and vectors: %.1f s%n", (System.nanoTime() - mark) / 1e9);
        mark = System.nanoTime();

        int n = 0;
        for (String user : users) {
            List<Object> events = new ArrayList<>();
            int i = 0;
            for (String item : seen.get(user)) {
                events.add(purchase("b" + n++, item, cutoff.minus(Duration.ofHours(1 + 24L * i++))));
            }
            i = 0;
            for (String item : relevant.get(user)) {
                events.add(purchase("a" + n++, item, cutoff.plus(Duration.ofHours(1 + 24L * i++))));
            }
            given().contentType(ContentType.JSON).body(Json.object().put("events", Json.array(events.toArray())).toString())
                    .post("/v1/users/" + user + "/events").then().statusCode(200);
        }
        // noise the evaluation must leave out: a view in the window, a purchase after until
        var noise = Json.array(Json.object().put("event_id", "noise-1").put("type", "view").put("item_id", items[0])
                        .put("occurred_at", cutoff.plus(Duration.ofHours(2)).toString()),
                purchase("noise-2", items[1], until.plusMillis(1)));
        given().contentType(ContentType.JSON).body(Json.object().put("events", noise).toString())
                .post("/v1/users/" + users.get(0) + "/events").then().statusCode(200);
        given().post("/v1/catalog/reload").then().statusCode(200);
        System.out.printf("planted events: %.1f s%n", (System.nanoTime() - mark) / 1e9);
        System.out.printf("planted evaluation world: %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    @Test
    void theTrueModelBeatsPopularityTheShiftedDoesNotAndEveryFigureIsTheReference() {
        plantTheWorld();
        long started = System.nanoTime();
        JsonPath truth = evaluate(TRUTH);
        JsonPath shifted = evaluate(SHIFTED);
        System.out.printf("planted evaluations: %.1f s%n", (System.nanoTime() - started) / 1e9);

        assertThat(truth.getString("state")).isEqualTo("done");
        assertThat(truth.getDouble("progress")).isEqualTo(1.0);
        assertThat(truth.getMap("")).doesNotContainKey("detail");
        assertThat(truth.getLong("users_evaluated")).isEqualTo(USERS);
        assertThat(truth.getLong("users_skipped")).isEqualTo(UNKNOWN);
        assertThat(shifted.getLong("users_evaluated")).isEqualTo(USERS);
        assertThat(shifted.getLong("users_skipped")).isEqualTo(UNKNOWN); // no vector in the shifted model at all
        assertThat(truth.getMap("metrics").keySet()).containsExactly("5", "10", "25");

        Map<Integer, double[]> truthReference = reference(u -> vectorAtCutoff.get(users.get(u)), false);
        Map<Integer, double[]> baseline = reference(null, true);
        Map<Integer, double[]> shiftedReference = reference(u -> vectorAtCutoff.get(users.get((u + 1) % USERS)), false);
        for (int k : KS) {
            matches(truth, "metrics", k, truthReference.get(k));
            matches(truth, "baseline", k, baseline.get(k));
            matches(shifted, "metrics", k, shiftedReference.get(k));
            matches(shifted, "baseline", k, baseline.get(k));
        }
        double precision = truth.getDouble("metrics.10.precision");
        double ndcg = truth.getDouble("metrics.10.ndcg");
        double popularPrecision = truth.getDouble("baseline.10.precision");
        double popularNdcg = truth.getDouble("baseline.10.ndcg");
        System.out.printf("precision@10 %.4f vs %.4f, ndcg@10 %.4f vs %.4f; shifted %.4f, %.4f%n", precision,
                popularPrecision, ndcg, popularNdcg, shifted.getDouble("metrics.10.precision"),
                shifted.getDouble("metrics.10.ndcg"));
        assertThat(precision).isGreaterThanOrEqualTo(3 * popularPrecision);
        assertThat(ndcg).isGreaterThanOrEqualTo(3 * popularNdcg);
        assertThat(shifted.getDouble("metrics.10.precision")).isLessThanOrEqualTo(popularPrecision);
        assertThat(shifted.getDouble("metrics.10.ndcg")).isLessThanOrEqualTo(popularNdcg);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("evaluations_running(\\{[^}]*\\})? 0\\.0")
                .containsPattern("evaluation_users_total\\{outcome=\"evaluated\"[^}]*\\} [1-9]")
                .containsPattern("evaluation_users_total\\{outcome=\"skipped\"[^}]*\\} [1-9]")
                .containsPattern("evaluation_users_per_second(\\{[^}]*\\})? [0-9]");

        // the later vectors would have changed the answer: had they been used, the figures would differ
        Map<Integer, double[]> withLater = reference(u -> laterVector.getOrDefault(users.get(u),
                vectorAtCutoff.get(users.get(u))), false);
        assertThat(Math.abs(withLater.get(10)[0] - precision)).isGreaterThan(0.01);
    }

    @Test
    void oneEvaluationAtATimeAndBadInputIsAProblemNamingIt() {
        plantTheWorld();
        String body = body(TRUTH);
        Response first = given().contentType(ContentType.JSON).body(body).post("/v1/models/" + TRUTH + "/evaluations");
        first.then().statusCode(202);
        given().contentType(ContentType.JSON).body(body).post("/v1/models/" + TRUTH + "/evaluations").then()
                .statusCode(409).contentType("application/problem+json").body("detail", containsString("already running"));
        awaitDone(first.getHeader("Location"));

        problem("nope", body, 404, "no model 'nope'");
        problem(TRUTH, json(until, cutoff, "[10]", "[\"purchase\"]", null), 400, "must lie before until");
        problem(TRUTH, json(cutoff, until, "[0]", "[\"purchase\"]", null), 400, "k holds 0");
        problem(TRUTH, json(cutoff, until, "[101]", "[\"purchase\"]", null), 400, "1..100");
        problem(TRUTH, json(cutoff, until, "[10]", "[\"bought\"]", null), 400, "unknown event type 'bought'");
        problem(TRUTH, json(cutoff, until, "[10]", "[\"purchase\"]", "\"colour = 'red'\""), 400, "filter");
        problem(TRUTH, "{\"cutoff\": \"yesterday\", \"until\": \"" + until + "\"}", 400, "cutoff must be an RFC 3339");
        problem(TRUTH, "{\"until\": \"" + until + "\"}", 400, "cutoff is required");
        problem(TRUTH, body.replace("}", ", \"colour\": 1}"), 400, "unknown field 'colour'");
        given().get("/v1/models/" + TRUTH + "/evaluations/no-such-id").then().statusCode(404)
                .contentType("application/problem+json");
        // reading needs models:read, starting models:write
        io.restassured.RestAssured.requestSpecification = null; // this call carries its own token
        given().header("Authorization", TestTokens.bearer(TestTokens.withRoles("models:read")))
                .contentType(ContentType.JSON).body(body).post("/v1/models/" + TRUTH + "/evaluations").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.withRoles("models:write")))
                .get("/v1/models/" + TRUTH + "/evaluations/" + first.jsonPath().getString("id")).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.withRoles("models:read")))
                .get("/v1/models/" + TRUTH + "/evaluations/" + first.jsonPath().getString("id")).then().statusCode(200);
    }

    @Test
    void theCommandPrintsTheTableAndWritesTheAnswersJson() throws Exception {
        plantTheWorld();
        java.nio.file.Path file = java.nio.file.Files.createTempFile("evaluation", ".json");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = command.run(List.of("--model", TRUTH, "--cutoff", cutoff.toString(), "--until", until.toString(),
                "--users", "1000", "--seed", "3", "--output", file.toString()), new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(code).as(err.toString()).isZero();
        String table = out.toString();
        assertThat(table).contains(USERS + " users evaluated, " + UNKNOWN + " skipped")
                .containsPattern("(?m)^10 +" + TRUTH + " +")
                .containsPattern("(?m)^25 +popularity +");
        JsonPath written = JsonPath.from(java.nio.file.Files.readString(file)).using(JsonPathConfig.jsonPathConfig()
                .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        assertThat(written.getString("state")).isEqualTo("done");
        Map<Integer, double[]> truthReference = reference(u -> vectorAtCutoff.get(users.get(u)), false);
        Map<Integer, double[]> baseline = reference(null, true);
        for (int k : KS) {
            matches(written, "metrics", k, truthReference.get(k));
            matches(written, "baseline", k, baseline.get(k));
        }
        java.nio.file.Files.delete(file);

        err.reset();
        assertThat(command.run(List.of("--model", TRUTH, "--cutoff", cutoff.toString(), "--until", until.toString(),
                "--event-types", "bought"), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true)))
                .isEqualTo(2);
        assertThat(err.toString()).contains("unknown event type 'bought'");
        err.reset();
        assertThat(command.run(List.of("--model", "nope", "--cutoff", cutoff.toString(), "--until", until.toString()),
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("no model 'nope'");
    }

    private JsonPath evaluate(String model) {
        Response started = given().contentType(ContentType.JSON).body(body(model))
                .post("/v1/models/" + model + "/evaluations");
        started.then().statusCode(202).body("state", equalTo("running"));
        String location = started.getHeader("Location");
        assertThat(location).endsWith("/v1/models/" + model + "/evaluations/" + started.jsonPath().getString("id"));
        return awaitDone(location);
    }

    private static JsonPath awaitDone(String location) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String answer = given().get(location).then().statusCode(200).extract().asString();
            JsonPath json = JsonPath.from(answer).using(JsonPathConfig.jsonPathConfig()
                    .numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
            if (!json.getString("state").equals("running")) {
                assertThat(json.getString("state")).as(answer).isEqualTo("done");
                return json;
            }
            assertThat(System.nanoTime()).as("finished within 60 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private String body(String model) {
        return json(cutoff, until, "[5, 10, 25]", "[\"purchase\"]", null).replace("}", ", \"users\": 1000, \"seed\": 3}");
    }

    private static String json(Instant cutoff, Instant until, String ks, String types, String filter) {
        return "{\"cutoff\": \"" + cutoff + "\", \"until\": \"" + until + "\", \"k\": " + ks + ", \"event_types\": "
                + types + (filter == null ? "" : ", \"filter\": " + filter) + "}";
    }

    private static void problem(String model, String body, int status, String detail) {
        given().contentType(ContentType.JSON).body(body).post("/v1/models/" + model + "/evaluations").then()
                .statusCode(status).contentType("application/problem+json").body("detail", containsString(detail));
    }

    private static void matches(JsonPath answer, String block, int k, double[] expected) {
        String[] names = { "precision", "recall", "ndcg", "hit_rate", "mrr", "coverage" };
        for (int f = 0; f < names.length; f++) {
            assertThat(answer.getDouble(block + "." + k + "." + names[f])).as("%s %s@%d", block, names[f], k)
                    .isCloseTo(expected[f], within(TOLERANCE));
        }
    }

    /**
     * The figures by k ({precision, recall, ndcg, hit_rate, mrr, coverage}) over the evaluated users, ranking each
     * by the vector {@code query} gives, or by popularity: every unseen item scored in double (exact here), best
     * first, ties by item id.
     */
    private Map<Integer, double[]> reference(java.util.function.IntFunction<float[]> query, boolean byPopularity) {
        Map<Integer, double[]> sums = new HashMap<>();
        Map<Integer, Set<String>> covered = new HashMap<>();
        for (int k : KS) {
            sums.put(k, new double[6]);
            covered.put(k, new HashSet<>());
        }
        for (int u = 0; u < USERS; u++) {
            String user = users.get(u);
            float[] q = byPopularity ? null : query.apply(u);
            Map<String, Double> score = new HashMap<>();
            for (int i = 0; i < ITEMS; i++) {
                double s = 0;
                if (byPopularity) {
                    s = popularity.getOrDefault(items[i], 0);
                } else {
                    for (int d = 0; d < q.length; d++) {
                        s += (double) q[d] * itemVectors[i][d];
                    }
                }
                score.put(items[i], s);
            }
            List<String> ranked = new ArrayList<>(Arrays.asList(items));
            ranked.removeAll(seen.get(user));
            ranked.sort(Comparator.comparing((String item) -> -score.get(item)).thenComparing(item -> item));
            Set<String> t = relevant.get(user);
            double reciprocal = 0;
            for (int i = 0; i < 25; i++) {
                if (t.contains(ranked.get(i))) {
                    reciprocal = 1.0 / (i + 1);
                    break;
                }
            }
            for (int k : KS) {
                int hits = 0;
                double dcg = 0;
                for (int i = 0; i < k; i++) {
                    covered.get(k).add(ranked.get(i));
                    if (t.contains(ranked.get(i))) {
                        hits++;
                        dcg += 1 / (Math.log(i + 2) / Math.log(2));
                    }
                }
                double idcg = 0;
                for (int i = 1; i <= Math.min(k, t.size()); i++) {
                    idcg += 1 / (Math.log(i + 1) / Math.log(2));
                }
                double[] s = sums.get(k);
                s[0] += hits / (double) k;
                s[1] += hits / (double) t.size();
                s[2] += dcg / idcg;
                s[3] += hits > 0 ? 1 : 0;
                s[4] += reciprocal;
            }
        }
        Map<Integer, double[]> out = new HashMap<>();
        for (int k : KS) {
            double[] s = sums.get(k);
            out.put(k, new double[] { s[0] / USERS, s[1] / USERS, s[2] / USERS, s[3] / USERS, s[4] / USERS,
                    covered.get(k).size() / (double) ITEMS });
        }
        return out;
    }

    /** {@link #BEFORE} + {@link #AFTER} distinct items, each drawn from the softmax over the items not drawn yet. */
    private List<Integer> draws(float[] taste, SplittableRandom random) {
        List<Integer> drawn = new ArrayList<>();
        for (int e = 0; e < BEFORE + AFTER; e++) {
            double[] weight = new double[ITEMS];
            double total = 0;
            for (int i = 0; i < ITEMS; i++) {
                if (drawn.contains(i)) {
                    continue;
                }
                double s = 0;
                for (int d = 0; d < taste.length; d++) {
                    s += (double) taste[d] * itemVectors[i][d];
                }
                weight[i] = Math.exp(BETA * s);
                total += weight[i];
            }
            double x = random.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < ITEMS; i++) {
                if (drawn.contains(i)) {
                    continue;
                }
                pick = i;
                x -= weight[i];
                if (x <= 0) {
                    break;
                }
            }
            drawn.add(pick);
        }
        return drawn;
    }

    private static String vectorLine(String user, float[] vector, String eventTime) {
        return Json.object().put("user_id", user).put("features", Json.numbers(vector)).put("event_time", eventTime)
                + "\n";
    }

    private static Json.Obj purchase(String id, String item, Instant at) {
        return Json.object().put("event_id", id).put("type", "purchase").put("item_id", item)
                .put("occurred_at", at.toString());
    }

    private static void imported(String path, CharSequence lines, int count) {
        given().contentType(NDJSON).body(lines.toString().getBytes(StandardCharsets.UTF_8)).post(path).then()
                .statusCode(200).body("imported", equalTo(count)).body("rejected_count", equalTo(0));
    }
}
