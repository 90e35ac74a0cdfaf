package com.example.profiles.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One model's item vectors, single ({@code PUT /v1/models/{model}/items/{item_id}}) and streamed
 * ({@code POST /v1/models/{model}/items/import}), against the real engine; what is stored is read from the engine
 * directly. The run's {@code default} has {@link TestCatalog#DIMENSION} dimensions; each test defines its own
 * models.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ModelItemVectorsTest {

    private static final String TABLE = "Items";
    private static final EngineTables ENGINE = EngineTables.ofTestEngine();

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @BeforeEach
    void catalogKnowsItsDimension() {
        TestCatalog.ensureDimension();
    }

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void aPutSetsTheVectorOfAnExistingItemAndStampsTheChange() {
        String model = model(4);
        String id = item(vector(8, 1));
        Map<String, AttributeValue> before = stored(id);
        long sent = System.currentTimeMillis();

        given().contentType(ContentType.JSON).body(vectorBody(1, 2, 3, 4))
                .put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(201).contentType(ContentType.JSON)
                .body("model", equalTo(model)).body("item_id", equalTo(id)).body("dimension", equalTo(4));
        given().contentType(ContentType.JSON).body(vectorBody(0.5f, -0.25f, 0, 8))
                .put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(200).body("dimension", equalTo(4));

        Map<String, AttributeValue> after = stored(id);
        assertThat(floats(after.get("embedding:" + model))).containsExactly(0.5f, -0.25f, 0, 8);
        assertThat(Long.parseLong(after.get(ItemChanges.CHANGED_AT).n())).isGreaterThanOrEqualTo(sent);
        assertThat(after.get(ItemChanges.SHARD).n()).isEqualTo(Integer.toString(ItemChanges.shardOf(id)));
        // Everything else is the item as it was: title, default's embedding, updated_at.
        Map<String, AttributeValue> rest = new HashMap<>(after);
        rest.remove("embedding:" + model);
        rest.remove(ItemChanges.CHANGED_AT);
        Map<String, AttributeValue> restBefore = new HashMap<>(before);
        restBefore.remove(ItemChanges.CHANGED_AT);
        assertThat(rest).isEqualTo(restBefore);
    }

    @Test
    void theDefaultModelsVectorIsTheEmbeddingThatItemsWrites() {
        float[] v = vector(8, 2);
        String reference = item(v);
        String id = item(vector(8, 3));
        given().contentType(ContentType.JSON).body(Json.object().put("embedding", Json.numbers(v)).toString())
                .put("/v1/models/default/items/" + id)
                .then().statusCode(200).body("model", equalTo("default")).body("dimension", equalTo(TestCatalog.DIMENSION));
        assertThat(stored(id).get("embedding")).isEqualTo(stored(reference).get("embedding"));
        assertThat(stored(id)).doesNotContainKey("embedding:default");
        given().get("/v1/items/" + id).then().statusCode(200).body("embedding[7]", equalTo(v[7]));
    }

    @Test
    void everyRefusalNamesItsReasonAndWritesNothing() {
        String model = model(4);
        String id = item(vector(8, 4));
        Map<String, AttributeValue> before = stored(id);
        String body = vectorBody(1, 2, 3, 4);

        given().contentType(ContentType.JSON).body(body).put("/v1/models/nope" + System.nanoTime() + "/items/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("no model"));
        given().contentType(ContentType.JSON).body(body).put("/v1/models/Bad_Name/items/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body).put("/v1/models/traffic/items/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(vectorBody(1, 2, 3)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("embedding has 3 dimensions; model " + model + " has 4"));
        String ghost = "ghost-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(body).put("/v1/models/" + model + "/items/" + ghost)
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("a vector for an item id that does not exist"));
        assertThat(ENGINE.item(TABLE, "item_id", ghost)).as("no row for a vector of a missing item").isNull();
        for (String bad : new String[] { "{}", "[]", "null", "{\"embedding\": \"1,2,3,4\"}", "{\"embedding\": []}",
                "{\"embedding\": [1, 2, 3, NaN]}", "{\"embedding\": [1, 2, 3, 1e39]}", "{\"embedding\": [1, 2, 3, \"4\"]}",
                "{\"embedding\": [1, 2, 3, 4], \"title\": \"x\"}", "{\"embedding\": [1, 2, 3, 4], \"embedding\": [1, 2, 3, 4]}",
                "{\"embedding\": [1, 2, 3, 4]" }) {
            given().contentType(ContentType.JSON).body(bad).put("/v1/models/" + model + "/items/" + id)
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType(ContentType.JSON).body(body).put("/v1/models/" + model + "/items/bad%20id")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(stored(id)).isEqualTo(before);
    }

    @Test
    void aDeletedItemTakesNoVectorAndItsDeleteRemovedEveryVector() {
        String model = model(4);
        String id = item(vector(8, 5));
        given().contentType(ContentType.JSON).body(vectorBody(1, 1, 1, 1)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(201);
        given().delete("/v1/items/" + id).then().statusCode(204);
        Map<String, AttributeValue> tombstone = stored(id);
        assertThat(tombstone).containsEntry(ItemChanges.DELETED, AttributeValue.fromBool(true))
                .doesNotContainKeys("embedding", "embedding:" + model, "title");

        given().contentType(ContentType.JSON).body(vectorBody(2, 2, 2, 2)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(404).body("detail", containsString("does not exist"));
        assertThat(stored(id)).isEqualTo(tombstone);
    }

    @Test
    void anItemWriteKeepsTheItemsModelVectors() {
        String model = model(4);
        String id = item(vector(8, 6));
        given().contentType(ContentType.JSON).body(vectorBody(3, 1, 4, 1)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(201);
        SdkBytes modelVector = stored(id).get("embedding:" + model).b();

        // with an embedding: default's vector replaced, the model's kept
        float[] next = vector(8, 7);
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", "Renamed").put("embedding", Json.numbers(next)).toString())
                .put("/v1/items/" + id).then().statusCode(200);
        assertThat(stored(id).get("embedding:" + model).b()).isEqualTo(modelVector);
        assertThat(floats(stored(id).get("embedding"))).containsExactly(next);

        // without one: the metadata changes, every stored vector stays
        SdkBytes defaultVector = stored(id).get("embedding").b();
        given().contentType(ContentType.JSON).body("{\"title\": \"Renamed again\", \"authors\": [\"A\"]}")
                .put("/v1/items/" + id).then().statusCode(200).body("title", equalTo("Renamed again"));
        Map<String, AttributeValue> after = stored(id);
        assertThat(after.get("embedding:" + model).b()).isEqualTo(modelVector);
        assertThat(after.get("embedding").b()).isEqualTo(defaultVector);
        assertThat(after.get("title").s()).isEqualTo("Renamed again");
        given().get("/v1/items/" + id).then().statusCode(200).body("embedding.size()", equalTo(TestCatalog.DIMENSION));
    }

    @Test
    void anItemWithoutAnEmbeddingIsCreatedWithoutVectors() {
        String id = "novec-" + System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"title\": \"Metadata only\"}").put("/v1/items/" + id)
                .then().statusCode(201).body("title", equalTo("Metadata only"));
        assertThat(stored(id)).doesNotContainKey("embedding").containsEntry("title", AttributeValue.fromS("Metadata only"));
        given().get("/v1/items/" + id).then().statusCode(200).body("embedding", org.hamcrest.Matchers.nullValue());
        // a model vector then makes it an item of that model
        String model = model(2);
        given().contentType(ContentType.JSON).body(vectorBody(1, 0)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(201);
        assertThat(floats(stored(id).get("embedding:" + model))).containsExactly(1, 0);
    }

    @Test
    void theImportWritesExistingItemsAndRejectsEachOtherLineWithItsReason() {
        String model = model(4);
        String prefix = "vimp-" + System.nanoTime() + "-";
        // 60 items in three import batches; every fifth line names a missing item, so that most transactions are
        // cancelled by some of their items and write the others.
        Map<Integer, String> expectedRejections = new HashMap<>();
        Map<String, float[]> expected = new HashMap<>();
        StringBuilder items = new StringBuilder();
        StringBuilder body = new StringBuilder();
        String deleted = prefix + "deleted";
        items.append(itemLine(deleted)).append('\n');
        for (int line = 1; line <= 70; line++) {
            String id = prefix + line;
            float[] v = { line, 0.5f, -line, 1 };
            String text;
            if (line % 5 == 0) {
                text = vectorLine(prefix + "missing-" + line, v);
                expectedRejections.put(line, "does not exist");
            } else if (line == 12) {
                text = vectorLine(id, new float[] { 1, 2, 3 });
                expectedRejections.put(line, "embedding has 3 dimensions; model " + model + " has 4");
            } else if (line == 13) {
                text = "{\"item_id\": \"" + id + "\", \"embedding\": [1, 2, 3, 4], \"title\": \"x\"}";
                expectedRejections.put(line, "unknown field");
            } else if (line == 14) {
                text = "{\"item_id\": \"" + id + "\", \"embedding\": [1, 2";
                expectedRejections.put(line, "");
            } else if (line == 33) {
                text = vectorLine(deleted, v);
                expectedRejections.put(line, "does not exist");
            } else if (line == 41) {
                text = "";
            } else {
                text = vectorLine(id, v);
                expected.put(id, v);
            }
            if (!expectedRejections.containsKey(line) && line != 41) {
                items.append(itemLine(id)).append('\n');
            }
            body.append(text).append('\n');
        }
        // a later line for the same item wins
        float[] revised = { 9, 9, 9, 9 };
        body.append(vectorLine(prefix + 2, revised)).append('\n');
        expected.put(prefix + 2, revised);
        given().contentType("application/x-ndjson").body(items.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200).body("rejected.size()", equalTo(0));
        given().delete("/v1/items/" + deleted).then().statusCode(204);

        JsonPath answer = given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/models/" + model + "/items/import")
                .then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        assertThat(answer.getLong("imported")).isEqualTo(expected.size() + 1L);
        assertThat(answer.getLong("rejected_count")).isEqualTo(expectedRejections.size());
        List<Map<String, Object>> rejected = answer.getList("rejected");
        assertThat(rejected).extracting(r -> (Integer) r.get("line"))
                .containsExactlyElementsOf(new java.util.TreeSet<>(expectedRejections.keySet()));
        rejected.forEach(r -> assertThat((String) r.get("detail")).as("line %s", r.get("line"))
                .isNotBlank().contains(expectedRejections.get((Integer) r.get("line"))));
        expected.forEach((id, v) -> assertThat(floats(stored(id).get("embedding:" + model))).as(id).containsExactly(v));
        for (int line = 5; line <= 70; line += 5) {
            assertThat(ENGINE.item(TABLE, "item_id", prefix + "missing-" + line)).isNull();
        }
        assertThat(stored(deleted)).doesNotContainKey("embedding:" + model);
    }

    @Test
    void aLargeVectorImportStreamsPastTheBufferedBodyLimitAndTheCatalogLoadsIt() {
        int dimension = 64;
        String model = model(dimension);
        String prefix = "vbig-" + System.nanoTime() + "-";
        int lines = 1_200;
        StringBuilder items = new StringBuilder();
        StringBuilder body = new StringBuilder();
        Random random = new Random(7);
        for (int i = 0; i < lines; i++) {
            items.append(itemLine(prefix + i)).append('\n');
            float[] v = new float[dimension];
            for (int d = 0; d < dimension; d++) {
                v[d] = random.nextFloat() - 0.5f;
            }
            body.append(vectorLine(prefix + i, v)).append('\n');
        }
        assertThat(body.length()).isGreaterThan(512 * 1024);
        RestAssuredConfig patient = RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 180_000));
        given().config(patient).contentType("application/x-ndjson").body(items.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200).body("imported", equalTo(lines));
        given().config(patient).contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/models/" + model + "/items/import")
                .then().statusCode(200).body("imported", equalTo(lines)).body("rejected_count", equalTo(0));

        // the catalog loads the model's vectors at the next refresh, one PUT more included
        String single = item(vector(8, 8));
        given().contentType(ContentType.JSON).body(Json.object().put("embedding", Json.numbers(new float[dimension])).toString())
                .put("/v1/models/" + model + "/items/" + single).then().statusCode(201);
        given().post("/v1/catalog/reload").then().statusCode(200);
        given().get("/v1/models/" + model).then().statusCode(200).body("items", equalTo(lines + 1))
                .body("dimension", equalTo(dimension));
    }

    @Test
    void importsIntoAModelThatCannotTakeVectorsAreRefusedBeforeTheBodyIsRead() {
        byte[] line = (vectorLine("any", new float[] { 1, 2, 3, 4 }) + "\n").getBytes(StandardCharsets.UTF_8);
        given().contentType("application/x-ndjson").body(line).post("/v1/models/none" + System.nanoTime() + "/items/import")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType("application/x-ndjson").body(line).post("/v1/models/Not.Valid/items/import")
                .then().statusCode(400).contentType("application/problem+json");
        String model = model(4);
        given().contentType(ContentType.JSON).body(line).post("/v1/models/" + model + "/items/import")
                .then().statusCode(415).contentType("application/problem+json");
        given().delete("/v1/models/" + model).then().statusCode(200).body("state", equalTo("retired"));
        given().contentType("application/x-ndjson").body(line).post("/v1/models/" + model + "/items/import")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("retired"));
        String id = item(vector(8, 9));
        given().contentType(ContentType.JSON).body(vectorBody(1, 2, 3, 4)).put("/v1/models/" + model + "/items/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("retired"));
        assertThat(stored(id)).doesNotContainKey("embedding:" + model);
    }

    // --- helpers ---

    /** A new model of {@code dimension}. */
    static String model(int dimension) {
        String name = "iv" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Json.object().put("dimension", dimension).toString())
                .put("/v1/models/" + name).then().statusCode(201);
        return name;
    }

    /** A new item with {@code embedding} as its default vector. */
    private static String item(float[] embedding) {
        String id = "iv-item-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", "Item " + id).put("embedding", Json.numbers(embedding)).toString())
                .put("/v1/items/" + id).then().statusCode(201);
        return id;
    }

    private static String itemLine(String id) {
        return Json.object().put("item_id", id).put("title", "Book " + id)
                .put("embedding", Json.numbers(vector(TestCatalog.DIMENSION, id.hashCode()))).toString();
    }

    private static String vectorLine(String id, float[] v) {
        return Json.object().put("item_id", id).put("embedding", Json.numbers(v)).toString();
    }

    private static String vectorBody(float... v) {
        return Json.object().put("embedding", Json.numbers(v)).toString();
    }

    private static float[] vector(int dimension, long seed) {
        Random random = new Random(seed);
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = random.nextFloat();
        }
        return v;
    }

    private static Map<String, AttributeValue> stored(String id) {
        Map<String, AttributeValue> item = ENGINE.item(TABLE, "item_id", id);
        assertThat(item).as("stored item " + id).isNotNull();
        return item;
    }

    /** A stored vector, decoded independently of the service's codec: little-endian float32. */
    static float[] floats(AttributeValue value) {
        assertThat(value).as("a stored vector").isNotNull();
        ByteBuffer bytes = value.b().asByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(v);
        return v;
    }
}
