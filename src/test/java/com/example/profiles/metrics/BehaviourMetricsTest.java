package com.example.profiles.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Events by outcome, stale writes refused and expired profiles hidden are counted exactly. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class BehaviourMetricsTest {

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name, String labels) {
        try {
            return MetricsTest.sample(metrics, name, labels);
        } catch (AssertionError absent) {
            return 0;
        }
    }

    @Test
    void countersMoveByExactlyWhatHappened() {
        String before = metrics();
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"m\", \"event_time\": \"2026-01-02T00:00:00Z\"}")
                .put("/v1/users/" + user).then().statusCode(201);
        String body = "{\"events\": [{\"event_id\": \"a\", \"type\": \"view\", \"item_id\": \"i\"},"
                + " {\"event_id\": \"b\", \"type\": \"like\", \"item_id\": \"i\"}]}";
        given().contentType(ContentType.JSON).body(body).post("/v1/users/" + user + "/events").then().statusCode(200);
        given().contentType(ContentType.JSON).body(body).post("/v1/users/" + user + "/events").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"user_name\": \"m\", \"event_time\": \"2026-01-01T00:00:00Z\"}")
                .put("/v1/users/" + user).then().statusCode(409);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            Map<String, AttributeValue> item = new HashMap<>(tables.item("UserProfiles", "user_id", user));
            item.put("expires_at", AttributeValue.fromN("1"));
            tables.put("UserProfiles", item);
        }
        given().get("/v1/users/" + user).then().statusCode(404);
        String after = metrics();

        assertThat(value(after, "events_total", "status=\"applied\"") - value(before, "events_total", "status=\"applied\"")).isEqualTo(1);
        assertThat(value(after, "events_total", "status=\"duplicate\"") - value(before, "events_total", "status=\"duplicate\"")).isEqualTo(1);
        assertThat(value(after, "events_total", "status=\"rejected\"") - value(before, "events_total", "status=\"rejected\"")).isEqualTo(2);
        assertThat(value(after, "profiles_stale_writes_total", "") - value(before, "profiles_stale_writes_total", "")).isEqualTo(1);
        assertThat(value(after, "profiles_expired_hidden_total", "") - value(before, "profiles_expired_hidden_total", "")).isEqualTo(1);
    }
}
