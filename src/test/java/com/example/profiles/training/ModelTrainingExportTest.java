package com.example.profiles.training;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestModels;
import com.example.profiles.support.TestProfiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * {@code /v1/training/events?model=}: each event carries the user's vector in that model as it was at the event's
 * time, from the model's own history; never a vector written for a later time, never another model's.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ModelTrainingExportTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WINDOW = "since=2019-01-01T00:00:00Z&until=2023-01-01T00:00:00Z";

    private static void event(String user, String id, String at) {
        Json.Obj e = Json.object().put("event_id", id).put("type", "view").put("item_id", "book").put("occurred_at", at);
        given().contentType(ContentType.JSON).body(Json.object().put("events", Json.array(e)).toString())
                .post("/v1/users/" + user + "/events").then().statusCode(200)
                .body("results[0].status", org.hamcrest.Matchers.equalTo("applied"));
    }

    private static void vector(String model, String user, String eventTime, float... features) {
        Json.Obj body = Json.object().put("features", Json.numbers(features));
        if (eventTime != null) {
            body.put("event_time", eventTime);
        }
        given().contentType(ContentType.JSON).body(body.toString())
                .put("/v1/models/" + model + "/users/" + user + "/features").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    /** The vectors of one user's events, by event id (null: none was valid then). */
    private static Map<String, List<Double>> export(String user, String query) throws Exception {
        String body = given().accept("application/x-ndjson").get("/v1/training/events?" + query)
                .then().statusCode(200).extract().asString();
        Map<String, List<Double>> rows = new HashMap<>();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode row = JSON.readTree(line);
            if (row.path("event").path("user_id").asText().equals(user)) {
                JsonNode features = row.get("user_features");
                assertThat(features).as("user_features is present, possibly null").isNotNull();
                rows.put(row.path("event").path("event_id").asText(), features.isNull() ? null
                        : StreamSupport.stream(features.spliterator(), false).map(JsonNode::asDouble).toList());
            }
        }
        return rows;
    }

    @Test
    void eachEventCarriesTheModelsVectorValidAtItsTime() throws Exception {
        String model = TestModels.define(2);
        String other = TestModels.define(2);
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"t\", \"user_features\": [9, 9, 9]}")
                .put("/v1/users/" + user).then().statusCode(201);
        vector(model, user, "2021-01-01T00:00:00Z", 1, 0);
        vector(other, user, "2020-01-01T00:00:00Z", 7, 7);
        event(user, "before-any", "2020-06-01T00:00:00Z");
        event(user, "with-v1", "2021-06-01T00:00:00Z");
        vector(model, user, "2021-09-01T00:00:00Z", 2, 0);
        event(user, "with-v2", "2021-10-01T00:00:00Z");
        // written for a later time, and written now: never the vector of the earlier events
        vector(model, user, "2022-01-01T00:00:00Z", 3, 0);
        vector(model, user, null, 4, 0);
        vector(other, user, null, 8, 8);

        Map<String, List<Double>> rows = export(user, WINDOW + "&model=" + model);
        assertThat(rows).containsOnlyKeys("before-any", "with-v1", "with-v2");
        assertThat(rows.get("before-any")).isNull();
        assertThat(rows.get("with-v1")).containsExactly(1.0, 0.0);
        assertThat(rows.get("with-v2")).containsExactly(2.0, 0.0);

        Map<String, List<Double>> others = export(user, WINDOW + "&model=" + other);
        assertThat(others.get("before-any")).containsExactly(7.0, 7.0);
        assertThat(others.get("with-v2")).containsExactly(7.0, 7.0);

        // default's vector was set now: no event of the window had one, and no model's row stands in for it
        Map<String, List<Double>> defaults = export(user, WINDOW);
        assertThat(defaults).containsOnlyKeys("before-any", "with-v1", "with-v2");
        assertThat(defaults.values()).containsOnlyNulls();
        assertThat(export(user, WINDOW + "&model=default")).isEqualTo(defaults);
    }

    @Test
    void anUnknownRetiredOrInvalidModelIsRefused() {
        given().accept("application/x-ndjson").queryParam("model", "no-such-model").get("/v1/training/events")
                .then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("no-such-model"));
        given().accept("application/x-ndjson").queryParam("model", "Not Valid").get("/v1/training/events")
                .then().statusCode(400).contentType("application/problem+json");
        String retired = TestModels.define(2);
        TestModels.retire(retired);
        given().accept("application/x-ndjson").queryParam("model", retired).get("/v1/training/events")
                .then().statusCode(409).contentType("application/problem+json");
    }
}
