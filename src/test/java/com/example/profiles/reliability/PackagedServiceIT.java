package com.example.profiles.reliability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged artifact (jar, or native binary under -Dnative) against a real engine from
 * DynoxideTestResource: the paths a client uses, end to end. Under -Paot this run is also the
 * training workload of the AOT cache, so it touches every endpoint family.
 */
@QuarkusIntegrationTest
@ExtendWith(AllRolesToken.class)
class PackagedServiceIT {

    @Test
    void profileLifecycleAndRecommendations() {
        given().contentType("application/x-ndjson")
                .body(("{\"item_id\": \"it-1\", \"title\": \"One\", \"embedding\": [1, 0, 0]}\n"
                        + "{\"item_id\": \"it-2\", \"title\": \"Two\", \"embedding\": [0, 1, 0]}\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200);
        given().post("/v1/catalog/reload").then().statusCode(200).body("items", equalTo(2));
        given().get("/v1/items/it-1").then().statusCode(200).body("title", equalTo("One"));

        given().contentType("application/json")
                .body("{\"user_name\": \"Ann\", \"attributes\": {\"tier\": \"gold\"}, \"user_features\": [0.9, 0.1, 0]}")
                .put("/v1/users/it-ann").then().statusCode(201);
        given().get("/v1/users/it-ann").then().statusCode(200).body("user_name", equalTo("Ann"));
        given().contentType("application/merge-patch+json").body("{\"attributes\": {\"tier\": \"silver\"}}")
                .patch("/v1/users/it-ann").then().statusCode(200).body("attributes.tier", equalTo("silver"));
        given().get("/v1/users/it-ann/recommendations?k=1").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].item_id", equalTo("it-1"));
        given().contentType("application/json").body("{\"user_ids\": [\"it-ann\", \"it-nobody\"]}")
                .post("/v1/users/batch-get").then().statusCode(200).body("missing", hasSize(1));
        given().accept("application/x-ndjson").get("/v1/users/export").then().statusCode(200);
        given().delete("/v1/users/it-ann").then().statusCode(204);
        given().get("/v1/users/it-ann").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void healthAndBadInput() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().contentType("application/json").body("{\"user_name\": ").put("/v1/users/it-bad")
                .then().statusCode(400).contentType(startsWith("application/problem+json"));
    }
}
