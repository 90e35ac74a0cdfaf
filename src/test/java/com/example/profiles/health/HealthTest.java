package com.example.profiles.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HealthTest {

    @Test
    void probesAreUpAndReadinessNamesTheTable() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.data.table", hasItem("UserProfiles"))
                .body("checks.data.region", hasItem("us-west-2"))
                .body("checks.data.catalog_state", hasItem(org.hamcrest.Matchers.oneOf("empty", "loaded")));
    }
}
