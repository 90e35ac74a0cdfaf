package com.example.profiles.lifecycle;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.example.profiles.catalog.CatalogConfig;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelStore;
import com.example.profiles.model.RegistryItem;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Removing a retired model's vectors against the real engine, in a table of its own (the last test retires
 * {@code default}): exactly that model's vectors go, once, whatever the number of instances racing; progress is
 * recorded on the registry row, so a purge that failed or whose pod stopped is taken over and finishes. The user
 * side is a counting double here: what it removes is the profile store's concern.
 */
@QuarkusTest
@TestProfile(VectorPurgeTest.OwnTable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VectorPurgeTest {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "PurgeItems" + System.nanoTime(),
                    "profiles.auth.enabled", "false",
                    "recommend.catalog.refresh", "1h");
        }
    }

    private static final int DEFAULT_DIMENSION = 4;
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final EngineTables ENGINE = EngineTables.ofTestEngine();

    @Inject
    ItemStore items;
    @Inject
    PurgeLedger ledger;
    @Inject
    PurgeConfig config;
    @Inject
    CatalogConfig catalog;
    @Inject
    MeterRegistry meters;
    @Inject
    Vertx vertx;
    @Inject
    ModelStore models;
    @Inject
    RecommendConfig recommend;

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @BeforeEach
    void defaultHasItsDimension() {
        // The first vector written sets default's dimension; later calls answer 200.
        given().contentType(ContentType.JSON).body("{\"dimension\": " + DEFAULT_DIMENSION + "}").put("/v1/models/default")
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    @Order(1)
    void retiringAModelRemovesExactlyItsItemVectors() {
        String a = define(3);
        String b = define(3);
        List<String> ids = items("pa", 300);
        vectors(a, ids, 3);
        vectors(b, ids, 3);
        Map<String, Map<String, AttributeValue>> before = rows();

        given().delete("/v1/models/" + a).then().statusCode(200).body("state", equalTo("retired"));

        await("item vectors of " + a + " removed", () -> rows().values().stream().noneMatch(row -> row.containsKey("embedding:" + a)));
        await("the item side recorded", () -> state(a).itemsPurgedAt() != null);
        Map<String, Map<String, AttributeValue>> after = rows();
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((id, row) -> {
            Map<String, AttributeValue> expected = new HashMap<>(row);
            expected.remove("embedding:" + a);
            assertThat(after.get(id)).as(id + ": only the retired model's vector is gone").isEqualTo(expected);
        });
        assertThat(ids).allSatisfy(id -> assertThat(after.get(id)).containsKeys("embedding", "embedding:" + b));
        assertThat(meters.counter("models.vectors.removed", "model", a, "kind", "items").count()).isEqualTo(ids.size());
        // idempotent: nothing is left to remove
        assertThat(items.removeModelVectors(a).await().atMost(WAIT)).isZero();
    }

    @Test
    @Order(2)
    void twoInstancesRacingPurgeOnce() throws Exception {
        for (int round = 0; round < 3; round++) {
            String c = define(2);
            int n = round == 0 ? 1_000 : 100;
            List<String> ids = items("pr" + round, n);
            vectors(c, ids, 2);
            retireQuietly(c);
            AtomicInteger userPurges = new AtomicInteger();
            UserVectorPurge users = model -> Uni.createFrom().item(() -> {
                userPurges.incrementAndGet();
                return 7L;
            });
            VectorPurge first = instance(users);
            VectorPurge second = instance(users);

            CompletableFuture<VectorPurge.Outcome> one = first.run(c).subscribeAsCompletionStage();
            CompletableFuture<VectorPurge.Outcome> two = second.run(c).subscribeAsCompletionStage();
            List<VectorPurge.Outcome> outcomes = List.of(one.get(2, TimeUnit.MINUTES), two.get(2, TimeUnit.MINUTES));

            assertThat(outcomes).filteredOn(o -> o.result() == VectorPurge.Result.PURGED).singleElement()
                    .satisfies(o -> {
                        assertThat(o.items()).isEqualTo(n);
                        assertThat(o.users()).isEqualTo(7);
                    });
            assertThat(outcomes).filteredOn(o -> o.result() != VectorPurge.Result.PURGED).singleElement()
                    .extracting(VectorPurge.Outcome::result)
                    .isIn(VectorPurge.Result.HELD_ELSEWHERE, VectorPurge.Result.ALREADY_PURGED);
            assertThat(userPurges).hasValue(1);
            assertThat(state(c).purgedAt()).isNotNull();
            assertThat(rows().values()).noneMatch(row -> row.containsKey("embedding:" + c));
            if (round == 0) {
                VectorPurge.Outcome purged = outcomes.stream().filter(o -> o.result() == VectorPurge.Result.PURGED)
                        .findFirst().orElseThrow();
                System.out.printf("[purge] %d item vectors removed in %.2f s (%.0f per second, local engine)%n", n,
                        purged.took().toMillis() / 1000.0, n * 1000.0 / Math.max(1, purged.took().toMillis()));
            }
            // done is done
            assertThat(second.run(c).await().atMost(WAIT).result()).isEqualTo(VectorPurge.Result.ALREADY_PURGED);
            assertThat(userPurges).hasValue(1);
        }
    }

    @Test
    @Order(3)
    void aFailedSideIsRecordedSoThatTheNextRunFinishesTheRest() {
        String d = define(2);
        List<String> ids = items("pf", 40);
        vectors(d, ids, 2);
        retireQuietly(d);
        VectorPurge failing = instance(model -> Uni.createFrom().failure(new IllegalStateException("profiles unavailable")));

        assertThat(failing.run(d).subscribeAsCompletionStage()).failsWithin(WAIT);
        PurgeLedger.State failed = state(d);
        assertThat(failed.itemsPurgedAt()).isNotNull();
        assertThat(failed.usersPurgedAt()).isNull();
        assertThat(failed.purgedAt()).isNull();
        assertThat(failed.pending(System.currentTimeMillis())).as("the lease was given up").isTrue();
        assertThat(rows().values()).noneMatch(row -> row.containsKey("embedding:" + d));

        AtomicInteger userPurges = new AtomicInteger();
        VectorPurge.Outcome resumed = instance(model -> Uni.createFrom().item(() -> (long) userPurges.incrementAndGet()))
                .run(d).await().atMost(WAIT);
        assertThat(resumed.result()).isEqualTo(VectorPurge.Result.PURGED);
        assertThat(resumed.items()).as("the item side was done before").isZero();
        assertThat(userPurges).hasValue(1);
        assertThat(state(d).purgedAt()).isNotNull();
    }

    @Test
    @Order(4)
    void aPurgeWhoseLeaseAnotherPodTookStops() {
        String g = define(2);
        vectors(g, items("pt", 10), 2);
        retireQuietly(g);
        // A user side slow enough for two renewals of a 10 s lease (one every 3.3 s).
        VectorPurge slow = new VectorPurge(items, ledger,
                model -> Uni.createFrom().item(0L).onItem().delayIt().by(Duration.ofSeconds(60)),
                shortLease(), catalog, meters, vertx);
        CompletableFuture<VectorPurge.Outcome> running = slow.run(g).subscribeAsCompletionStage();
        await("the item side done", () -> state(g).itemsPurgedAt() != null);
        String owner = state(g).owner();
        assertThat(owner).isNotBlank();

        steal(g, "another-pod");

        assertThat(running).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                .withMessageContaining("passed to another pod");
        PurgeLedger.State after = state(g);
        assertThat(after.owner()).as("the purge that lost its lease leaves the new holder's lease alone").isEqualTo("another-pod");
        assertThat(after.purgedAt()).isNull();
    }

    @Test
    @Order(5)
    void aPurgeLeftByAStoppedPodIsTakenOverOnceItsLeaseExpires() throws Exception {
        String stopped = define(2);
        String alive = define(2);
        List<String> ids = items("pl", 30);
        vectors(stopped, ids, 2);
        vectors(alive, ids, 2);
        retireQuietly(stopped);
        retireQuietly(alive);
        assertThat(ledger.take(stopped, "stopped-pod", Duration.ofMillis(1)).await().atMost(WAIT)).isTrue();
        assertThat(ledger.take(alive, "live-pod", Duration.ofMinutes(10)).await().atMost(WAIT)).isTrue();
        Thread.sleep(20);

        List<VectorPurge.Outcome> swept = instance(model -> Uni.createFrom().item(0L)).sweep().await().atMost(WAIT);

        assertThat(swept).filteredOn(o -> o.model().equals(stopped)).singleElement()
                .extracting(VectorPurge.Outcome::result).isEqualTo(VectorPurge.Result.PURGED);
        assertThat(swept).noneMatch(o -> o.model().equals(alive));
        assertThat(rows().values()).noneMatch(row -> row.containsKey("embedding:" + stopped));
        assertThat(ids).allSatisfy(id -> assertThat(rows().get(id)).containsKey("embedding:" + alive));
        assertThat(state(alive).owner()).isEqualTo("live-pod");
    }

    @Test
    @Order(6)
    void onceDefaultIsRetiredItemsAreWrittenWithoutEmbeddingsAndItsVectorsGo() {
        String next = define(2);
        List<String> ids = items("pd", 20);
        vectors(next, ids, 2);
        given().contentType(ContentType.JSON).body("{\"split\": {\"" + next + "\": 100}, \"salt\": \"s1\"}")
                .put("/v1/models/traffic").then().statusCode(200);
        given().delete("/v1/models/default").then().statusCode(200).body("state", equalTo("retired"));

        String id = "after-default-" + System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"title\": \"T\", \"embedding\": [1, 2, 3, 4]}").put("/v1/items/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("retired"));
        assertThat(ENGINE.item(table(), "item_id", id)).isNull();
        given().contentType(ContentType.JSON).body("{\"title\": \"T\"}").put("/v1/items/" + id).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"embedding\": [1, 2, 3, 4]}").put("/v1/models/default/items/" + id)
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"embedding\": [1, 2]}").put("/v1/models/" + next + "/items/" + id)
                .then().statusCode(201);
        String imported = "{\"item_id\": \"imp-" + id + "\", \"title\": \"Imported without a vector\"}\n";
        given().contentType("application/x-ndjson").body(imported.getBytes(StandardCharsets.UTF_8)).post("/v1/items/import")
                .then().statusCode(200).body("imported", equalTo(1));
        assertThat(ENGINE.item(table(), "item_id", "imp-" + id)).doesNotContainKey("embedding");

        await("default's vectors removed", () -> rows().values().stream().noneMatch(row -> row.containsKey("embedding")));
        assertThat(ids).allSatisfy(item -> assertThat(rows().get(item)).containsKey("embedding:" + next));
        assertThat(rows().get(id)).containsKey("embedding:" + next).containsEntry("title", AttributeValue.fromS("T"));
    }

    // --- helpers ---

    @Inject
    software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient dynamo;

    /** Another pod takes the lease, as one would after a pause of this one longer than the lease. */
    private void steal(String model, String owner) {
        dynamo.updateItem(b -> b.tableName(table()).key(RegistryItem.key())
                .updateExpression("SET #m.#o = :o")
                .expressionAttributeNames(Map.of("#m", RegistryItem.modelAttribute(model), "#o", PurgeLedger.OWNER))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner)))).join();
    }

    private PurgeConfig shortLease() {
        return new PurgeConfig() {
            @Override
            public Duration lease() {
                return Duration.ofSeconds(10);
            }

            @Override
            public java.util.Optional<Duration> sweepInterval() {
                return java.util.Optional.empty();
            }

            @Override
            public int scanSegments() {
                return 2;
            }

            @Override
            public int inFlight() {
                return 4;
            }
        };
    }

    private VectorPurge instance(UserVectorPurge users) {
        return new VectorPurge(items, ledger, users, config, catalog, meters, vertx);
    }

    private static String define(int dimension) {
        String name = "pm" + System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"dimension\": " + dimension + "}").put("/v1/models/" + name)
                .then().statusCode(201);
        return name;
    }

    /** Retires a model without starting its purge, as a pod that stopped right after the retirement leaves it. */
    private void retireQuietly(String model) {
        models.change(registry -> {
            ModelDefinition retired = registry.get(model).retiredAt(Instant.now());
            return new ModelStore.Change<>(Map.of(RegistryItem.modelAttribute(model), RegistryItem.definition(retired)),
                    retired);
        }).await().atMost(WAIT);
    }

    /** {@code n} new items with a default vector. */
    private static List<String> items(String prefix, int n) {
        List<String> ids = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        String run = prefix + System.nanoTime() + "-";
        for (int i = 0; i < n; i++) {
            ids.add(run + i);
            body.append(Json.object().put("item_id", run + i).put("title", "Book " + i)
                    .put("embedding", Json.numbers(i, 1, 0, -i)).toString()).append('\n');
        }
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200).body("imported", equalTo(n));
        return ids;
    }

    private static void vectors(String model, List<String> ids, int dimension) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            float[] v = new float[dimension];
            v[i % dimension] = i + 1;
            body.append(Json.object().put("item_id", ids.get(i)).put("embedding", Json.numbers(v)).toString()).append('\n');
        }
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/models/" + model + "/items/import").then().statusCode(200).body("imported", equalTo(ids.size()));
    }

    private PurgeLedger.State state(String model) {
        return ledger.state(model).await().atMost(WAIT);
    }

    private String table() {
        return recommend.itemsTable();
    }

    /** Every item row of the table, read from the engine directly. */
    private Map<String, Map<String, AttributeValue>> rows() {
        Map<String, Map<String, AttributeValue>> rows = new HashMap<>();
        ENGINE.scan(table()).forEach(row -> {
            if (!RegistryItem.isRegistry(row)) {
                rows.put(row.get("item_id").s(), row);
            }
        });
        return rows;
    }

    private static void await(String what, java.util.function.BooleanSupplier done) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + WAIT).isLessThan(deadline);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
