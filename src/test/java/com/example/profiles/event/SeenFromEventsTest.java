package com.example.profiles.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * {@code exclude=seen} leaves out the union of the items purchased through events and those a caller
 * lists in {@code attributes.purchased}, from the very next request. Items here point along the
 * sixth axis with weights no other test uses, so the top three are known exactly.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class SeenFromEventsTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static void item(String id, double weight) {
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", id).put("embedding", Json.array(0, 0, 0, 0, 0, weight, 0, 0)).toString())
                .put("/v1/items/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static List<String> top3(String user) {
        return given().queryParam("k", 3).queryParam("exclude", "seen").get("/v1/users/" + user + "/recommendations")
                .then().statusCode(200).extract().jsonPath().getList("items.item_id", String.class);
    }

    private static void event(String user, String id, String type, String item) {
        given().contentType(ContentType.JSON)
                .body(Json.object().put("events", Json.array(Json.object().put("event_id", id).put("type", type)
                        .put("item_id", item))).toString())
                .post("/v1/users/" + user + "/events").then().statusCode(200);
    }

    @Test
    void purchasesAndReturnsShapeTheNextRecommendation() {
        TestCatalog.ensureDimension();
        for (int i = 1; i <= 6; i++) {
            item("seen-" + i, 100_000 - i);
        }
        given().post("/v1/catalog/reload").then().statusCode(200);
        String user = "seen-reader";
        given().contentType(ContentType.JSON)
                .body(Json.object().put("user_name", "Reader")
                        .put("attributes", Json.object().put("purchased", Json.array("seen-2")))
                        .put("user_features", Json.array(0, 0, 0, 0, 0, 1, 0, 0)).toString())
                .put("/v1/users/" + user).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        assertThat(top3(user)).containsExactly("seen-1", "seen-3", "seen-4");

        event(user, "buy-1", "purchase", "seen-1");
        assertThat(top3(user)).containsExactly("seen-3", "seen-4", "seen-5");

        event(user, "buy-3", "purchase", "seen-3");
        event(user, "view-4", "view", "seen-4");
        assertThat(top3(user)).containsExactly("seen-4", "seen-5", "seen-6");

        event(user, "return-1", "return", "seen-1");
        assertThat(top3(user)).containsExactly("seen-1", "seen-4", "seen-5");
    }
}
