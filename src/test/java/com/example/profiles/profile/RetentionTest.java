package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local engine accepts TTL but never deletes: an item past its expires_at stays in the table,
 * exactly like one DynamoDB has not reached yet. Every read path must answer it as absent, and a
 * write to its id must behave like a create.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class RetentionTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A profile written through the API, then made expired by editing the table directly. */
    private static String expiredProfile() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON)
                .body(Json.object().put("user_name", "Old").put("attributes", Json.object().put("purchased", Json.array("x")))
                        .put("user_features", Json.array(0, 0, 0, 0, 0, 0, 0, 1)).toString())
                .put("/v1/users/" + id).then().statusCode(201);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            Map<String, AttributeValue> item = new HashMap<>(tables.item("UserProfiles", "user_id", id));
            item.put("expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() - 60)));
            item.put("purchased_items", AttributeValue.fromM(Map.of("old-book", AttributeValue.fromS("2020-01-01T00:00:00.000Z"))));
            tables.put("UserProfiles", item);
        }
        return id;
    }

    @Test
    void expiresAtIsStoredAsTtlSecondsAndReturned() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"a\", \"expires_at\": \"2999-01-01T00:00:00Z\"}")
                .put("/v1/users/" + id).then().statusCode(201).body("expires_at", equalTo("2999-01-01T00:00:00Z"));
        given().get("/v1/users/" + id).then().statusCode(200).body("expires_at", equalTo("2999-01-01T00:00:00Z"));
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.item("UserProfiles", "user_id", id).get("expires_at").n())
                    .isEqualTo(Long.toString(Instant.parse("2999-01-01T00:00:00Z").getEpochSecond()));
        }
    }

    @Test
    void everyReadPathTreatsAnExpiredProfileAsAbsent() {
        String id = expiredProfile();
        given().get("/v1/users/" + id).then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Json.object().put("user_ids", Json.array(id)).toString())
                .post("/v1/users/batch-get").then().statusCode(200).body("missing", equalTo(List.of(id)))
                .body("users.size()", equalTo(0));
        given().get("/v1/users/" + id + "/recommendations").then().statusCode(404);
        given().get("/v1/users/" + id + "/events").then().statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"events\": [{\"event_id\": \"e1\", \"type\": \"view\", \"item_id\": \"b\"}]}")
                .post("/v1/users/" + id + "/events").then().statusCode(404);
        given().contentType("application/merge-patch+json").body("{\"user_name\": \"b\"}")
                .patch("/v1/users/" + id).then().statusCode(404);
        String export = given().accept("application/x-ndjson").get("/v1/users/export").then().statusCode(200).extract().asString();
        assertThat(export).doesNotContain(id);
    }

    @Test
    void aWriteToAnExpiredIdIsACreate() {
        String id = expiredProfile();
        given().contentType(ContentType.JSON).header("If-None-Match", "*").body("{\"user_name\": \"New\"}")
                .put("/v1/users/" + id).then().statusCode(201).body("version", equalTo(1));
        given().get("/v1/users/" + id).then().statusCode(200).body("user_name", equalTo("New"))
                .body("$", not(org.hamcrest.Matchers.hasKey("expires_at")));
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            // nothing of the expired profile survives, its behaviour summary included
            assertThat(tables.item("UserProfiles", "user_id", id)).doesNotContainKeys("purchased_items", "attributes.purchased");
        }
        given().get("/v1/users/" + id).then().body("attributes", not(hasItem("purchased")));
    }
}
