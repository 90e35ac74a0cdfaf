package com.example.profiles.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Each exported event carries the vector that was valid at its occurred_at, never a later one; a profile write
 * with {@code event_time} makes its vector valid from then (a backfill).
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class TrainingExportTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private static void event(String user, String id, String type, String at) {
        Json.Obj e = Json.object().put("event_id", id).put("type", type).put("item_id", "book");
        if (at != null) {
            e.put("occurred_at", at);
        }
        given().contentType(ContentType.JSON).body(Json.object().put("events", Json.array(e)).toString())
                .post("/v1/users/" + user + "/events").then().statusCode(200)
                .body("results[0].status", org.hamcrest.Matchers.equalTo("applied"));
    }

    /** The rows of one user, by event id. */
    private static Map<String, JsonNode> export(String user, String query) throws Exception {
        String body = given().accept("application/x-ndjson").get("/v1/training/events" + query)
                .then().statusCode(200).extract().asString();
        Map<String, JsonNode> rows = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            if (row.path("event").path("user_id").asText().equals(user)) {
                assertThat(rows.put(row.path("event").path("event_id").asText(), row)).as("each event once").isNull();
            }
        }
        return rows;
    }

    private static List<Double> vector(JsonNode row) {
        JsonNode features = row.get("user_features");
        assertThat(features).as("user_features is present, possibly null").isNotNull();
        if (features.isNull()) {
            return null;
        }
        return java.util.stream.StreamSupport.stream(features.spliterator(), false).map(JsonNode::asDouble).toList();
    }

    private static void pause() throws InterruptedException {
        Thread.sleep(20);
    }

    @Test
    void eachEventCarriesTheVectorValidAtItsTime() throws Exception {
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"u\", \"user_features\": [1, 0, 0]}")
                .put("/v1/users/" + user).then().statusCode(201);
        pause();
        event(user, "after-v1", "purchase", null);
        pause();
        given().contentType("application/merge-patch+json").body("{\"user_features\": [2, 0, 0]}")
                .patch("/v1/users/" + user).then().statusCode(200);
        pause();
        event(user, "after-v2", "rating", null);
        pause();
        // A third vector replaces v2 by PUT: both earlier events must now be answered from the history.
        given().contentType(ContentType.JSON).body("{\"user_name\": \"u\", \"user_features\": [3, 0, 0]}")
                .put("/v1/users/" + user).then().statusCode(200);
        pause();
        event(user, "after-v3", "view", null);

        Map<String, JsonNode> rows = export(user, "");
        assertThat(rows.keySet()).containsExactlyInAnyOrder("after-v1", "after-v2", "after-v3");
        assertThat(vector(rows.get("after-v1"))).containsExactly(1.0, 0.0, 0.0);
        assertThat(vector(rows.get("after-v2"))).containsExactly(2.0, 0.0, 0.0);
        assertThat(vector(rows.get("after-v3"))).containsExactly(3.0, 0.0, 0.0);
        assertThat(rows.get("after-v1").path("event").path("type").asText()).isEqualTo("purchase");

        // Independent check of the store: the history holds exactly the two replaced vectors, in order.
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            var history = tables.partition("UserFeatureHistory", "user_id", user);
            assertThat(history).hasSize(2);
            assertThat(history.get(0).get("valid_to").s()).isEqualTo(history.get(1).get("valid_from").s());
            String v1At = rows.get("after-v1").path("event").path("occurred_at").asText();
            assertThat(history.get(0).get("valid_from").s()).isLessThanOrEqualTo(v1At);
            assertThat(history.get(0).get("valid_to").s()).isGreaterThan(v1At);
        }

        Map<String, JsonNode> purchasesAndRatings = export(user, "?types=purchase,rating");
        assertThat(purchasesAndRatings.keySet()).containsExactlyInAnyOrder("after-v1", "after-v2");
    }

    @Test
    void aProfileWriteWithEventTimeBackfillsItsVectorFromThen() throws Exception {
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON)
                .body("{\"user_name\": \"u\", \"user_features\": [1, 0], \"event_time\": \"2025-01-01T00:00:00Z\"}")
                .put("/v1/users/" + user).then().statusCode(201);
        given().contentType("application/merge-patch+json")
                .body("{\"user_features\": [2, 0], \"event_time\": \"2025-03-01T00:00:00Z\"}")
                .patch("/v1/users/" + user).then().statusCode(200);
        event(user, "before", "purchase", "2024-12-31T00:00:00Z");
        event(user, "january", "purchase", "2025-01-15T00:00:00Z");
        event(user, "april", "purchase", "2025-04-01T00:00:00Z");
        event(user, "now", "purchase", null);

        Map<String, JsonNode> rows = export(user, "?since=2024-12-01T00:00:00Z");
        assertThat(rows.get("before").get("user_features").isNull()).as("before the first vector's event time").isTrue();
        assertThat(vector(rows.get("january"))).containsExactly(1.0, 0.0);
        assertThat(vector(rows.get("april"))).containsExactly(2.0, 0.0);
        assertThat(vector(rows.get("now"))).containsExactly(2.0, 0.0);

        try (EngineTables tables = EngineTables.ofTestEngine()) {
            var history = tables.partition("UserFeatureHistory", "user_id", user);
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("valid_from").s()).isEqualTo("2025-01-01T00:00:00.000Z");
            assertThat(history.get(0).get("valid_to").s()).isEqualTo("2025-03-01T00:00:00.000Z");
        }

        // a vector cannot start before the one it replaces (valid from its write, now): refused, nothing changes
        String other = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"o\", \"user_features\": [1, 0]}")
                .put("/v1/users/" + other).then().statusCode(201);
        given().contentType("application/merge-patch+json")
                .body("{\"user_features\": [3, 0], \"event_time\": \"2025-02-01T00:00:00Z\"}")
                .patch("/v1/users/" + other).then().statusCode(409).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("is not after"));
        given().contentType(ContentType.JSON)
                .body("{\"user_name\": \"o\", \"user_features\": [3, 0], \"event_time\": \"2025-02-01T00:00:00Z\"}")
                .put("/v1/users/" + other).then().statusCode(409);
        given().get("/v1/users/" + other).then().statusCode(200)
                .body("user_features", org.hamcrest.Matchers.contains(1.0f, 0.0f)).body("version", org.hamcrest.Matchers.equalTo(1));
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.partition("UserFeatureHistory", "user_id", other)).isEmpty();
        }
    }

    @Test
    void anEventOlderThanAnyVectorHasNoFeatures() throws Exception {
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"u\", \"user_features\": [1, 2]}")
                .put("/v1/users/" + user).then().statusCode(201);
        event(user, "old", "purchase", "2020-01-01T00:00:00Z");
        Map<String, JsonNode> rows = export(user, "?since=2019-12-31T00:00:00Z&until=2020-01-02T00:00:00Z");
        assertThat(rows).containsOnlyKeys("old");
        assertThat(rows.get("old").get("user_features").isNull()).as("null, and the key is there").isTrue();
    }

    @Test
    void badParametersAre400() {
        given().queryParam("types", "like").get("/v1/training/events").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("since", "soon").get("/v1/training/events").then().statusCode(400);
        given().queryParam("since", "2026-01-02T00:00:00Z").queryParam("until", "2026-01-01T00:00:00Z")
                .get("/v1/training/events").then().statusCode(400);
    }
}
