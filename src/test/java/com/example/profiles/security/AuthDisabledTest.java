package com.example.profiles.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** profiles.auth.enabled=false lets callers without a token in, for local experiments. */
@QuarkusTest
@TestProfile(AuthDisabledTest.AuthOff.class)
class AuthDisabledTest {

    public static class AuthOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("profiles.auth.enabled", "false");
        }
    }

    @BeforeEach
    void noToken() {
        RestAssured.requestSpecification = null;
    }

    @Test
    void callersWithoutATokenAreServed() {
        String id = "open-" + System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"Open\"}").put("/v1/users/" + id)
                .then().statusCode(201);
        given().get("/v1/users/" + id).then().statusCode(200);
        given().get("/v1/users/export").then().statusCode(200);
        given().post("/v1/catalog/reload").then().statusCode(oneOf(200, 503));
    }
}
