package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With event_time, a write applies only over an absent or older one; a stale write is a 409 and changes nothing. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class EventTimeOrderTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static Map<String, AttributeValue> stored(String id) {
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            return tables.item("UserProfiles", "user_id", id);
        }
    }

    @Test
    void putAppliesOnlyNewerEventTimes() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"v2\", \"event_time\": \"2026-03-01T10:00:00Z\"}")
                .put("/v1/users/" + id).then().statusCode(201).body("event_time", equalTo("2026-03-01T10:00:00.000Z"));
        Map<String, AttributeValue> before = stored(id);

        // An older write that arrives later: refused, naming both times.
        given().contentType(ContentType.JSON).body("{\"user_name\": \"v1\", \"event_time\": \"2026-03-01T09:59:59.999+00:00\"}")
                .put("/v1/users/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString("2026-03-01T09:59:59.999Z"), containsString("2026-03-01T10:00:00.000Z")));
        // The same time again is not newer either.
        given().contentType(ContentType.JSON).body("{\"user_name\": \"v1\", \"event_time\": \"2026-03-01T11:00:00+01:00\"}")
                .put("/v1/users/" + id).then().statusCode(409);
        assertThat(stored(id)).isEqualTo(before);

        given().contentType(ContentType.JSON).body("{\"user_name\": \"v3\", \"event_time\": \"2026-03-01T10:00:00.001Z\"}")
                .put("/v1/users/" + id).then().statusCode(200).body("version", equalTo(2));
        // Without event_time: today's unordered behaviour, and the stored event time stays the high-water mark.
        given().contentType(ContentType.JSON).body("{\"user_name\": \"v4\"}").put("/v1/users/" + id).then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"user_name\": \"v0\", \"event_time\": \"2026-03-01T10:00:00Z\"}")
                .put("/v1/users/" + id).then().statusCode(409);
        given().get("/v1/users/" + id).then().statusCode(200).body("user_name", equalTo("v4"))
                .body("event_time", equalTo("2026-03-01T10:00:00.001Z"));
    }

    @Test
    void patchAppliesOnlyNewerEventTimes() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"a\"}").put("/v1/users/" + id).then().statusCode(201);
        given().contentType("application/merge-patch+json").body("{\"attributes\": {\"tier\": \"gold\"}, \"event_time\": \"2026-01-02T00:00:00Z\"}")
                .patch("/v1/users/" + id).then().statusCode(200).body("attributes.tier", equalTo("gold"));
        Map<String, AttributeValue> before = stored(id);
        given().contentType("application/merge-patch+json").body("{\"attributes\": {\"tier\": \"silver\"}, \"event_time\": \"2026-01-01T00:00:00Z\"}")
                .patch("/v1/users/" + id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", allOf(containsString("2026-01-01T00:00:00.000Z"), containsString("2026-01-02T00:00:00.000Z")));
        assertThat(stored(id)).isEqualTo(before);
        given().contentType("application/merge-patch+json").body("{\"attributes\": {\"tier\": \"platinum\"}, \"event_time\": \"2026-01-03T00:00:00Z\"}")
                .patch("/v1/users/" + id).then().statusCode(200).body("attributes.tier", equalTo("platinum"));
    }

    @Test
    void malformedTimesAre400() {
        String id = TestProfiles.newId();
        for (String bad : new String[] { "\"yesterday\"", "12", "\"2026-13-01T00:00:00Z\"", "\"2026-01-01\"" }) {
            given().contentType(ContentType.JSON).body("{\"user_name\": \"a\", \"event_time\": " + bad + "}")
                    .put("/v1/users/" + id).then().statusCode(400).contentType("application/problem+json");
            given().contentType(ContentType.JSON).body("{\"user_name\": \"a\", \"expires_at\": " + bad + "}")
                    .put("/v1/users/" + id).then().statusCode(400).contentType("application/problem+json");
        }
        assertThat(stored(id)).isNull();
    }
}
