package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.codec.FeatureCodec;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;
import com.example.profiles.support.TestModels;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A user's vector in a named model ({@code PUT /v1/models/{model}/users/{user_id}/features}): stored on the existing
 * profile only, checked against the model's dimension and state, kept in event-time order per model, with the
 * history of each replaced vector kept per model; read back with {@code ?fields=features}.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class UserVectorTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String PROFILES = "UserProfiles";
    private static final String HISTORY = "UserFeatureHistory";

    @Inject
    FeatureHistoryStore history;

    private static String profile() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        return id;
    }

    private static String body(Object features, String eventTime) {
        Json.Obj body = Json.object().put("features", features);
        if (eventTime != null) {
            body.put("event_time", eventTime);
        }
        return body.toString();
    }

    private static Response write(String model, String user, Object features, String eventTime) {
        return given().contentType(ContentType.JSON).body(body(features, eventTime))
                .put("/v1/models/" + model + "/users/" + user + "/features");
    }

    /** The user's vector in {@code model} as {@code ?fields=features} shows it; null when it shows none. */
    private static List<Float> features(String user, String model) {
        Map<String, List<Float>> all = given().queryParam("fields", "features").get("/v1/users/" + user)
                .then().statusCode(200).extract().jsonPath().getMap("features");
        return all.get(model);
    }

    @Test
    void aVectorIsStoredOnTheProfileAndReadBackByModelWhileTheFullProfileStaysAsItWas() {
        String model = TestModels.define(4);
        String user = profile();
        String before = given().get("/v1/users/" + user).then().statusCode(200).extract().asString();

        write(model, user, Json.numbers(1, 2, 3, 4), null).then().statusCode(201)
                .header("Location", containsString("/v1/models/" + model + "/users/" + user + "/features"))
                .body("user_id", equalTo(user)).body("model", equalTo(model)).body("dimension", equalTo(4))
                .body("valid_from", org.hamcrest.Matchers.matchesPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        write(model, user, Json.numbers(5, 6, 7, 8), null).then().statusCode(200).body("model", equalTo(model));

        JsonPath full = given().get("/v1/users/" + user).then().statusCode(200).header("ETag", "\"3\"")
                .body("$", not(hasKey("features"))).extract().jsonPath();
        JsonPath was = JsonPath.from(before);
        assertThat(full.getMap("$").keySet()).isEqualTo(was.getMap("$").keySet());
        for (String same : List.of("user_id", "user_name", "attributes", "user_features", "updated_region")) {
            assertThat((Object) full.get(same)).as(same).isEqualTo(was.get(same));
        }

        given().queryParam("fields", "features").get("/v1/users/" + user).then().statusCode(200)
                .body("$", org.hamcrest.Matchers.aMapWithSize(2))
                .body("user_id", equalTo(user))
                .body("features.default", equalTo(List.of(0.5f, -1.25f, 3.0f)))
                .body("features.'" + model + "'", equalTo(List.of(5f, 6f, 7f, 8f)));
        given().queryParam("fields", "user_name,features").get("/v1/users/" + user).then().statusCode(200)
                .body("user_name", equalTo("Alice Example"))
                .body("features.'" + model + "'", equalTo(List.of(5f, 6f, 7f, 8f)));
        given().contentType(ContentType.JSON)
                .body(Json.object().put("user_ids", Json.array(user)).put("fields", Json.array("features")).toString())
                .post("/v1/users/batch-get").then().statusCode(200)
                .body("users[0].features.'" + model + "'", equalTo(List.of(5f, 6f, 7f, 8f)))
                .body("users[0].features.default", equalTo(List.of(0.5f, -1.25f, 3.0f)));
    }

    @Test
    void aUserWithoutVectorsHasAnEmptyFeaturesObject() {
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"n\"}").put("/v1/users/" + user).then().statusCode(201);
        given().queryParam("fields", "features").get("/v1/users/" + user).then().statusCode(200)
                .body("features", equalTo(Map.of()));
    }

    @Test
    void aVectorOfAnotherDimensionIs422NamingBothAndStoresNothing() {
        String model = TestModels.define(4);
        String user = profile();
        write(model, user, Json.numbers(1, 2, 3), null).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", equalTo("features has 3 dimensions; model " + model + " has 4"));
        assertThat(features(user, model)).isNull();
        TestCatalog.ensureDimension();
        write("default", user, Json.numbers(1, 2, 3), null).then().statusCode(422)
                .body("detail", equalTo("features has 3 dimensions; model default has " + TestCatalog.DIMENSION));
        assertThat(features(user, "default")).containsExactly(0.5f, -1.25f, 3.0f);
    }

    @Test
    void theDefaultModelIsUserFeatures() {
        TestCatalog.ensureDimension();
        String user = profile();
        float[] vector = { 1, 2, 3, 4, 5, 6, 7, 8 };
        write("default", user, Json.numbers(vector), null).then().statusCode(200).body("dimension", equalTo(8));
        given().get("/v1/users/" + user).then().statusCode(200)
                .body("user_features", equalTo(List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f)));
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            Map<String, AttributeValue> raw = tables.item(PROFILES, "user_id", user);
            assertThat(FeatureCodec.decode(raw.get("user_features").b().asByteArray())).containsExactly(vector);
            assertThat(raw).doesNotContainKey("user_features:default");
            // the replaced profile vector has its history row, under the plain time key
            List<Map<String, AttributeValue>> rows = tables.partition(HISTORY, "user_id", user);
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("valid_from").s()).matches("\\d{4}-.*");
        }
    }

    @Test
    void unknownModelsUsersAndBodiesAreRefused() {
        String model = TestModels.define(2);
        String user = profile();
        write("no-such-model", user, Json.numbers(1, 2), null).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no model no-such-model"));
        write("Bad_Name", user, Json.numbers(1, 2), null).then().statusCode(400);
        write("traffic", user, Json.numbers(1, 2), null).then().statusCode(400);
        write(model, "bad id", Json.numbers(1, 2), null).then().statusCode(400);
        for (String bad : List.of("{}", "{\"features\": []}", "{\"features\": [1, \"x\"]}", "{\"features\": [1, 2], \"x\": 1}",
                "{\"features\": [1, 2], \"event_time\": \"yesterday\"}", "{\"features\": [1, 2], \"event_time\": 5}",
                "{\"features\": [1, 2]", "[1, 2]", "{\"features\": [1, 2], \"features\": [3, 4]}",
                "{\"features\": [1e39, 2]}", "{\"user_id\": \"x\", \"features\": [1, 2]}")) {
            given().contentType(ContentType.JSON).body(bad).put("/v1/models/" + model + "/users/" + user + "/features")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().contentType(ContentType.TEXT).body(body(Json.numbers(1, 2), null))
                .put("/v1/models/" + model + "/users/" + user + "/features").then().statusCode(415);
        assertThat(features(user, model)).isNull();
    }

    @Test
    void aUserWithoutAProfileOrWithAnExpiredOneIs404AndNoProfileIsCreated() {
        String model = TestModels.define(2);
        String nobody = TestProfiles.newId();
        write(model, nobody, Json.numbers(1, 2), null).then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no profile with id " + nobody));
        given().get("/v1/users/" + nobody).then().statusCode(404);
        String expired = TestProfiles.newId();
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            tables.put(PROFILES, Map.of("user_id", AttributeValue.fromS(expired), "user_name", AttributeValue.fromS("old"),
                    "version", AttributeValue.fromN("1"),
                    "expires_at", AttributeValue.fromN(Long.toString(Instant.now().minusSeconds(60).getEpochSecond()))));
            write(model, expired, Json.numbers(1, 2), null).then().statusCode(404);
            assertThat(tables.item(PROFILES, "user_id", expired)).doesNotContainKey("user_features:" + model);
            assertThat(tables.exists(PROFILES, "user_id", nobody)).isFalse();
        }
    }

    @Test
    void aRetiredModelTakesNoVector() {
        String model = TestModels.define(2);
        String user = profile();
        write(model, user, Json.numbers(1, 2), null).then().statusCode(201);
        TestModels.retire(model);
        write(model, user, Json.numbers(3, 4), null).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("retired"));
        given().queryParam("fields", "features").get("/v1/users/" + user).then().statusCode(200)
                .body("features", not(hasKey(model)));
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            // the retirement's purge may have removed the earlier vector already; the refused one never lands
            AttributeValue stored = tables.item(PROFILES, "user_id", user).get("user_features:" + model);
            if (stored != null) {
                assertThat(FeatureCodec.decode(stored.b().asByteArray())).containsExactly(1f, 2f);
            }
        }
    }

    @Test
    void eventTimesAreOrderedPerModel() {
        String model = TestModels.define(2);
        String other = TestModels.define(2);
        String user = profile();
        write(model, user, Json.numbers(1, 1), "2026-02-01T00:00:00Z").then().statusCode(201)
                .body("valid_from", equalTo("2026-02-01T00:00:00.000Z"));
        write(model, user, Json.numbers(2, 2), "2026-01-01T00:00:00Z").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("stale write"));
        write(model, user, Json.numbers(2, 2), "2026-02-01T00:00:00Z").then().statusCode(409);
        // the same write again (a retry) changes nothing and is not an error
        write(model, user, Json.numbers(1, 1), "2026-02-01T00:00:00+00:00").then().statusCode(200)
                .body("valid_from", equalTo("2026-02-01T00:00:00.000Z"));
        assertThat(features(user, model)).containsExactly(1f, 1f);
        // another model, and the profile's own event time, have orders of their own
        write(other, user, Json.numbers(3, 3), "2025-01-01T00:00:00Z").then().statusCode(201);
        given().contentType("application/merge-patch+json").body("{\"user_name\": \"x\", \"event_time\": \"2024-01-01T00:00:00Z\"}")
                .patch("/v1/users/" + user).then().statusCode(200);
        write(model, user, Json.numbers(4, 4), "2026-03-01T00:00:00Z").then().statusCode(200)
                .body("valid_from", equalTo("2026-03-01T00:00:00.000Z"));
        // an unordered write applies, valid from now; an ordered one may then not start before it
        write(model, user, Json.numbers(5, 5), null).then().statusCode(200);
        write(model, user, Json.numbers(6, 6), Instant.now().minus(Duration.ofDays(1)).toString()).then().statusCode(409)
                .body("detail", containsString("is not after"));
        assertThat(features(user, model)).containsExactly(5f, 5f);
        assertThat(features(user, other)).containsExactly(3f, 3f);
    }

    @Test
    void historyRowsOfAModelNeverMixWithDefaultsOrAnotherModels() {
        String model = TestModels.define(TestModels.fresh(), 2);
        String longer = TestModels.define(model + "-v2", 2);
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"h\"}").put("/v1/users/" + user).then().statusCode(201);
        write(model, user, Json.numbers(1, 0), "2021-01-01T00:00:00Z").then().statusCode(201);
        write(model, user, Json.numbers(2, 0), "2021-06-01T00:00:00Z").then().statusCode(200);
        write(longer, user, Json.numbers(7, 0), "2020-01-01T00:00:00Z").then().statusCode(201);
        write(longer, user, Json.numbers(8, 0), "2020-03-01T00:00:00Z").then().statusCode(200);
        given().contentType("application/merge-patch+json").body("{\"user_features\": [9, 9, 9]}")
                .patch("/v1/users/" + user).then().statusCode(200);
        given().contentType("application/merge-patch+json").body("{\"user_features\": [10, 10, 10]}")
                .patch("/v1/users/" + user).then().statusCode(200);

        try (EngineTables tables = EngineTables.ofTestEngine()) {
            List<String> keys = tables.partition(HISTORY, "user_id", user).stream().map(r -> r.get("valid_from").s()).toList();
            assertThat(keys).hasSize(3);
            assertThat(keys).contains("@" + model + "#2021-01-01T00:00:00.000Z", "@" + longer + "#2020-01-01T00:00:00.000Z");
            assertThat(keys.stream().filter(k -> !k.startsWith("@"))).hasSize(1);
        }
        assertThat(history.at(user, model, "2021-03-01T00:00:00.000Z").await().atMost(Duration.ofSeconds(10)))
                .containsExactly(1f, 0f);
        assertThat(history.at(user, model, "2020-12-31T00:00:00.000Z").await().atMost(Duration.ofSeconds(10))).isNull();
        // the longer name's rows sort after the shorter's: a lookup of the shorter never reaches them
        assertThat(history.at(user, model, "2020-02-01T00:00:00.000Z").await().atMost(Duration.ofSeconds(10))).isNull();
        assertThat(history.at(user, longer, "2020-02-01T00:00:00.000Z").await().atMost(Duration.ofSeconds(10)))
                .containsExactly(7f, 0f);
        // default had no vector in 2021: its lookup never sees a model's row
        assertThat(history.at(user, "default", "2021-03-01T00:00:00.000Z").await().atMost(Duration.ofSeconds(10))).isNull();
        assertThat(history.at(user, "default", "9999-01-01T00:00:00.000Z").await().atMost(Duration.ofSeconds(10)))
                .as("the replaced default vector's range ended before 9999").isNull();
    }

    @Test
    void erasureRemovesEveryModelsVectorsAndHistory() {
        String model = TestModels.define(2);
        String user = profile();
        write(model, user, Json.numbers(1, 0), "2021-01-01T00:00:00Z").then().statusCode(201);
        write(model, user, Json.numbers(2, 0), "2021-02-01T00:00:00Z").then().statusCode(200);
        given().contentType("application/merge-patch+json").body("{\"user_features\": [9, 9]}")
                .patch("/v1/users/" + user).then().statusCode(200);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.partition(HISTORY, "user_id", user)).hasSize(2);
            given().delete("/v1/users/" + user).then().statusCode(204);
            assertThat(tables.exists(PROFILES, "user_id", user)).isFalse();
            assertThat(tables.partition(HISTORY, "user_id", user)).isEmpty();
        }
        write(model, user, Json.numbers(3, 0), null).then().statusCode(404);
    }

    @Test
    void theHistoryOfAReplacedVectorIsCommittedWithTheWrite() {
        String model = TestModels.define(3);
        String user = profile();
        write(model, user, Json.numbers(1, 2, 3), "2022-01-01T00:00:00Z").then().statusCode(201);
        write(model, user, Json.numbers(4, 5, 6), "2022-02-01T00:00:00Z").then().statusCode(200);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            List<Map<String, AttributeValue>> rows = tables.partition(HISTORY, "user_id", user);
            assertThat(rows).hasSize(1);
            Map<String, AttributeValue> row = rows.get(0);
            assertThat(row.get("valid_from").s()).isEqualTo("@" + model + "#2022-01-01T00:00:00.000Z");
            assertThat(row.get("valid_to").s()).isEqualTo("2022-02-01T00:00:00.000Z");
            assertThat(FeatureCodec.decode(row.get("user_features").b().asByteArray())).containsExactly(1f, 2f, 3f);
            Map<String, AttributeValue> raw = tables.item(PROFILES, "user_id", user);
            assertThat(raw.get("features_since:" + model).s()).isEqualTo("2022-02-01T00:00:00.000Z");
            assertThat(raw.get("features_event_time:" + model).s()).isEqualTo("2022-02-01T00:00:00.000Z");
        }
        given().queryParam("fields", "features").get("/v1/users/" + user).then().statusCode(200)
                .body("features.nothing", nullValue());
    }
}
