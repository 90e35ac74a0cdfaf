package com.example.profiles.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Random sequences of model definitions, item and user vector writes (single and bulk), traffic splits,
 * activations and retirements, against the real engine, while recommendation requests run. Every answer is
 * checked against what the test wrote, computed here:
 * <ul>
 *   <li>at each quiet checkpoint, exactly: the assigned model is the stated function of the split, salt and user
 *   id (written here again, not called), the scoring model is the first candidate the user has a vector in, and
 *   the items and scores are the brute-force top k over that model's item vectors only;</li>
 *   <li>while writes and refreshes run, every score equals the dot product of some version of the user's vector
 *   and some version of the item's vector in the model the answer names: never two models mixed, never a 5xx.</li>
 * </ul>
 * Vectors hold small integers, so float dot products are exact and ties fall to the item id.
 */
@QuarkusTest
@TestProfile(ModelPropertyTest.OwnTables.class)
@ExtendWith(AllRolesToken.class)
class ModelPropertyTest {

    public static class OwnTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            long run = System.nanoTime();
            return Map.of("recommend.items-table", "ModelItems" + run,
                    "profiles.table", "ModelUsers" + run,
                    "feature-history.table", "ModelHistory" + run,
                    "events.table", "ModelEvents" + run,
                    "recommend.catalog.refresh", "1h",
                    "recommend.catalog.change-overlap", "300ms");
        }
    }

    private static final int ITEMS = 40;
    private static final int USERS = 24;
    private static final int K = 5;
    private static final String SALT_PREFIX = "salt-";

    /** Every version ever written, per model and id: what a concurrent answer may have used. */
    private final Map<String, Map<String, List<float[]>>> itemVersions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<float[]>>> userVersions = new ConcurrentHashMap<>();
    /** The latest vectors, per model and id: what a quiet checkpoint answers with. */
    private final Map<String, Map<String, float[]>> items = new TreeMap<>();
    private final Map<String, Map<String, float[]>> users = new TreeMap<>();
    private final Map<String, Integer> dimensions = new TreeMap<>();
    private final Set<String> retired = ConcurrentHashMap.newKeySet();
    private Map<String, Integer> split = Map.of(ModelNames.DEFAULT, 100);
    private String salt = "";

    @Test
    void everyAnswerIsScoredByExactlyOneModelAsTheSplitAssigns() throws Exception {
        long seed = new SplittableRandom().nextLong();
        SplittableRandom rnd = new SplittableRandom(seed);
        String context = "seed " + seed;
        setUp(rnd);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> concurrentFailures = new CopyOnWriteArrayList<>();
        AtomicInteger concurrentAnswers = new AtomicInteger();
        Thread requests = new Thread(() -> {
            SplittableRandom own = new SplittableRandom(seed ^ 1);
            while (running.get()) {
                String user = "u" + own.nextInt(USERS);
                try {
                    String failure = checkConsistent(user, recommend(user));
                    if (failure != null) {
                        concurrentFailures.add(failure);
                    }
                    concurrentAnswers.incrementAndGet();
                } catch (RuntimeException e) {
                    concurrentFailures.add(user + ": " + e);
                }
            }
        }, "model-property-requests");
        requests.start();
        try {
            for (int step = 0; step < 40; step++) {
                String at = context + ", step " + step;
                operate(rnd, at);
                given().post("/v1/catalog/reload").then().statusCode(200);
                for (int q = 0; q < 6; q++) {
                    String user = "u" + rnd.nextInt(USERS);
                    checkExact(user, recommend(user), at);
                }
            }
        } finally {
            running.set(false);
            requests.join();
        }
        assertThat(concurrentFailures).as(context).isEmpty();
        assertThat(concurrentAnswers.get()).as("answers checked while writes ran").isGreaterThan(50);
    }

    private void setUp(SplittableRandom rnd) {
        dimensions.put(ModelNames.DEFAULT, 4);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < ITEMS; i++) {
            float[] v = vector(rnd, 4);
            lines.append(Json.object().put("item_id", item(i)).put("title", "Book " + i).put("embedding", Json.numbers(v)))
                    .append('\n');
            written(itemVersions, items, ModelNames.DEFAULT, item(i), v);
        }
        given().contentType("application/x-ndjson").body(lines.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200);
        for (int u = 0; u < USERS; u++) {
            Json.Obj body = Json.object().put("user_name", "Reader " + u);
            if (u % 4 != 0) {
                float[] v = vector(rnd, 4);
                body.put("user_features", Json.numbers(v));
                written(userVersions, users, ModelNames.DEFAULT, "u" + u, v);
            }
            given().contentType(ContentType.JSON).body(body.toString()).put("/v1/users/u" + u)
                    .then().statusCode(201);
        }
        given().post("/v1/catalog/reload").then().statusCode(200);
    }

    /** One random change of models, vectors or traffic, through the public API. */
    private void operate(SplittableRandom rnd, String at) {
        List<String> live = dimensions.keySet().stream().filter(m -> !retired.contains(m)).toList();
        switch (rnd.nextInt(7)) {
            case 0 -> {
                if (live.size() < 4) {
                    String model = "m" + dimensions.size();
                    int dimension = new int[] {3, 4, 6}[rnd.nextInt(3)];
                    given().contentType(ContentType.JSON).body(Json.object().put("dimension", dimension).toString())
                            .put("/v1/models/" + model).then().statusCode(201);
                    dimensions.put(model, dimension);
                }
            }
            case 1, 2 -> writeItemVectors(rnd, live.get(rnd.nextInt(live.size())));
            case 3, 4 -> writeUserVectors(rnd, live.get(rnd.nextInt(live.size())));
            case 5 -> newSplit(rnd, at);
            default -> retireOne(rnd, live);
        }
    }

    private void writeItemVectors(SplittableRandom rnd, String model) {
        int dimension = dimensions.get(model);
        List<Integer> chosen = sample(rnd, ITEMS, 1 + rnd.nextInt(ITEMS / 2));
        if (rnd.nextBoolean()) {
            StringBuilder lines = new StringBuilder();
            for (int i : chosen) {
                float[] v = vector(rnd, dimension);
                lines.append(Json.object().put("item_id", item(i)).put("embedding", Json.numbers(v))).append('\n');
                written(itemVersions, items, model, item(i), v);
            }
            JsonPath answer = given().contentType("application/x-ndjson")
                    .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                    .post("/v1/models/" + model + "/items/import").then().statusCode(200).extract().jsonPath();
            assertThat(answer.getLong("imported")).isEqualTo(chosen.size());
        } else {
            for (int i : chosen) {
                float[] v = vector(rnd, dimension);
                written(itemVersions, items, model, item(i), v);
                given().contentType(ContentType.JSON).body(Json.object().put("embedding", Json.numbers(v)).toString())
                        .put("/v1/models/" + model + "/items/" + item(i)).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            }
        }
    }

    private void writeUserVectors(SplittableRandom rnd, String model) {
        int dimension = dimensions.get(model);
        List<Integer> chosen = sample(rnd, USERS, 1 + rnd.nextInt(USERS / 2));
        if (rnd.nextBoolean()) {
            StringBuilder lines = new StringBuilder();
            for (int u : chosen) {
                float[] v = vector(rnd, dimension);
                lines.append(Json.object().put("user_id", "u" + u).put("features", Json.numbers(v))).append('\n');
                written(userVersions, users, model, "u" + u, v);
            }
            JsonPath answer = given().contentType("application/x-ndjson")
                    .body(lines.toString().getBytes(StandardCharsets.UTF_8))
                    .post("/v1/models/" + model + "/users/import").then().statusCode(200).extract().jsonPath();
            assertThat(answer.getLong("imported")).isEqualTo(chosen.size());
        } else {
            for (int u : chosen) {
                float[] v = vector(rnd, dimension);
                written(userVersions, users, model, "u" + u, v);
                given().contentType(ContentType.JSON).body(Json.object().put("features", Json.numbers(v)).toString())
                        .put("/v1/models/" + model + "/users/u" + u + "/features")
                        .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
            }
        }
    }

    /** A random split over the models with item vectors; sometimes one model takes everything (activation). */
    private void newSplit(SplittableRandom rnd, String at) {
        List<String> ready = dimensions.keySet().stream()
                .filter(m -> !retired.contains(m) && !items.getOrDefault(m, Map.of()).isEmpty()).toList();
        Map<String, Integer> weights = new TreeMap<>();
        if (rnd.nextInt(3) == 0 || ready.size() == 1) {
            weights.put(ready.get(rnd.nextInt(ready.size())), 100);
        } else {
            List<String> arms = new ArrayList<>(ready);
            Collections.shuffle(arms, new java.util.Random(rnd.nextLong()));
            arms = arms.subList(0, 2 + rnd.nextInt(arms.size() - 1));
            int left = 100;
            for (int i = 0; i < arms.size(); i++) {
                int weight = i == arms.size() - 1 ? left : rnd.nextInt(left + 1);
                weights.put(arms.get(i), weight);
                left -= weight;
            }
        }
        String newSalt = SALT_PREFIX + rnd.nextInt(3);
        given().contentType(ContentType.JSON).body(Json.object().put("split", weights).put("salt", newSalt).toString())
                .put("/v1/models/traffic").then().statusCode(200);
        weights.values().removeIf(w -> w == 0);
        split = weights;
        salt = newSalt;
    }

    private void retireOne(SplittableRandom rnd, List<String> live) {
        List<String> idle = live.stream().filter(m -> !split.containsKey(m)).toList();
        if (idle.isEmpty()) {
            return;
        }
        String model = idle.get(rnd.nextInt(idle.size()));
        given().delete("/v1/models/" + model).then().statusCode(200);
        retired.add(model);
        // a retired model's vectors are gone for good: no answer may use them from now on
        items.remove(model);
        users.remove(model);
    }

    private Response recommend(String user) {
        return given().queryParam("k", K).get("/v1/users/" + user + "/recommendations");
    }

    /** At a quiet checkpoint: the whole answer, exactly. */
    private void checkExact(String user, Response response, String at) {
        List<String> candidates = candidates(user);
        String scoring = candidates.stream().filter(m -> users.getOrDefault(m, Map.of()).containsKey(user))
                .findFirst().orElse(null);
        String what = at + ", " + user + ", split " + split + " salt " + salt;
        if (scoring == null) {
            assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(409);
            return;
        }
        assertThat(response.statusCode()).as(what + ": " + response.asString()).isEqualTo(200);
        JsonPath answer = response.jsonPath();
        assertThat(answer.getString("model.assigned")).as(what).isEqualTo(candidates.get(0));
        assertThat(answer.getString("model.name")).as(what).isEqualTo(scoring);
        assertThat(answer.getInt("model.dimension")).as(what).isEqualTo(dimensions.get(scoring));
        float[] query = users.get(scoring).get(user);
        List<Map.Entry<String, Float>> expected = new ArrayList<>();
        items.getOrDefault(scoring, Map.of()).forEach((id, v) -> expected.add(Map.entry(id, dot(query, v))));
        expected.sort(Map.Entry.<String, Float>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<Map.Entry<String, Float>> top = expected.subList(0, Math.min(K, expected.size()));
        assertThat(answer.getList("items.item_id", String.class)).as(what)
                .containsExactlyElementsOf(top.stream().map(Map.Entry::getKey).toList());
        assertThat(answer.getList("items.score", Float.class)).as(what)
                .containsExactlyElementsOf(top.stream().map(Map.Entry::getValue).toList());
    }

    /** While writes run: the answer names one model, and every score comes from that model's vectors alone. */
    private String checkConsistent(String user, Response response) {
        int status = response.statusCode();
        if (status >= 500) {
            return user + ": " + status + " " + response.asString();
        }
        if (status != 200) {
            return null;
        }
        JsonPath answer = response.jsonPath();
        String model = answer.getString("model.name");
        List<String> ids = answer.getList("items.item_id", String.class);
        List<Float> scores = answer.getList("items.score", Float.class);
        List<float[]> queries = userVersions.getOrDefault(model, Map.of()).getOrDefault(user, List.of());
        for (int i = 0; i < ids.size(); i++) {
            List<float[]> rows = itemVersions.getOrDefault(model, Map.of()).getOrDefault(ids.get(i), List.of());
            float score = scores.get(i);
            boolean explained = queries.stream().anyMatch(q -> rows.stream()
                    .anyMatch(r -> r.length == q.length && dot(q, r) == score));
            if (!explained) {
                return user + ": item " + ids.get(i) + " scored " + score + " by model " + model
                        + ", which no pair of that model's vectors explains";
            }
        }
        return null;
    }

    /** The assigned model, then the other serving models by share (ties by name): the stated order. */
    private List<String> candidates(String user) {
        List<String> order = new ArrayList<>();
        order.add(assign(user));
        split.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).filter(m -> !order.contains(m)).forEach(order::add);
        return order;
    }

    private String assign(String user) {
        return ReferenceSplit.assign(split, salt, user);
    }

    private static void written(Map<String, Map<String, List<float[]>>> versions,
                                Map<String, Map<String, float[]>> latest, String model, String id, float[] v) {
        versions.computeIfAbsent(model, m -> new ConcurrentHashMap<>())
                .computeIfAbsent(id, i -> new CopyOnWriteArrayList<>()).add(v);
        latest.computeIfAbsent(model, m -> new LinkedHashMap<>()).put(id, v);
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static float[] vector(SplittableRandom rnd, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = rnd.nextInt(7) - 3;
        }
        return v;
    }

    private static List<Integer> sample(SplittableRandom rnd, int n, int count) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new java.util.Random(rnd.nextLong()));
        return all.subList(0, Math.min(count, n));
    }

    private static String item(int i) {
        return String.format("item-%03d", i);
    }
}
