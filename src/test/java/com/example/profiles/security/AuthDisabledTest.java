package com.example.profiles.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.oneOf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * profiles.auth.enabled=false lets every caller in, for local experiments: without a token, and with
 * any token at all, which is ignored rather than verified.
 */
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

    @Test
    void anyBearerTokenIsIgnored() {
        String id = "open-token-" + System.nanoTime();
        List<String> tokens = List.of(TestTokens.allRoles(), TestTokens.withRoles(), TestTokens.expired(),
                TestTokens.forged(), TestTokens.wrongIssuer(), "not-a-jwt");
        given().header("Authorization", TestTokens.bearer(TestTokens.forged())).contentType(ContentType.JSON)
                .body("{\"user_name\": \"Open\"}").put("/v1/users/" + id).then().statusCode(201);
        for (String token : tokens) {
            given().header("Authorization", TestTokens.bearer(token)).get("/v1/users/" + id).then().statusCode(200);
            given().header("Authorization", TestTokens.bearer(token)).get("/q/health/ready").then().statusCode(200);
        }
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/v1/users/" + id).then().statusCode(200);
    }
}
