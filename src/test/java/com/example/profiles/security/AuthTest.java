package com.example.profiles.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Who may call what: every role, every 401 and 403 case, and the endpoints that stay open. */
@QuarkusTest
class AuthTest {

    /** One call of each endpoint, and the roles that open it (any one of them). */
    record Call(String method, String path, String contentType, String body, Set<String> roles) {
        @Override
        public String toString() {
            return method + " " + path;
        }

        Response send(RequestSpecification spec) {
            RequestSpecification request = spec.redirects().follow(false);
            if (body != null) {
                request = request.contentType(contentType).body(body.getBytes(StandardCharsets.UTF_8));
            }
            return request.request(method, path);
        }
    }

    static final String USER = "auth-user-1";
    private static final String PROFILE = "{\"user_name\": \"Auth Test\"}";
    private static final String ITEM = "{\"title\": \"auth item\", \"embedding\": [0, 0, 0, 0, 0, 0, 0.5, 0]}";

    static Stream<Call> calls() {
        return Stream.of(
                new Call("GET", "/v1/users/" + USER, null, null, Set.of(Roles.PROFILES_READ)),
                new Call("POST", "/v1/users/batch-get", "application/json", "{\"user_ids\": [\"" + USER + "\"]}",
                        Set.of(Roles.PROFILES_READ)),
                new Call("GET", "/v1/users/" + USER + "/recommendations", null, null, Set.of(Roles.PROFILES_READ)),
                new Call("PUT", "/v1/users/" + USER, "application/json", PROFILE, Set.of(Roles.PROFILES_WRITE)),
                new Call("PATCH", "/v1/users/" + USER, "application/merge-patch+json", "{\"attributes\": {\"n\": 1}}",
                        Set.of(Roles.PROFILES_WRITE)),
                new Call("DELETE", "/v1/users/auth-deleted", null, null, Set.of(Roles.PROFILES_WRITE)),
                new Call("PUT", "/v1/items/auth-item-1", "application/json", ITEM, Set.of(Roles.CATALOG_WRITE)),
                new Call("POST", "/v1/items/import", "application/x-ndjson",
                        "{\"item_id\": \"auth-item-2\", \"title\": \"t\", \"embedding\": [0, 0, 0, 0, 0, 0, 0.5, 0]}\n",
                        Set.of(Roles.CATALOG_WRITE)),
                new Call("POST", "/v1/catalog/reload", null, null, Set.of(Roles.CATALOG_WRITE)),
                new Call("GET", "/v1/users/export", null, null, Set.of(Roles.EXPORT)),
                new Call("GET", "/v1/items/auth-item-1", null, null, Set.of(Roles.PROFILES_READ, Roles.CATALOG_WRITE)),
                new Call("GET", "/v1/catalog", null, null, Set.of(Roles.PROFILES_READ, Roles.CATALOG_WRITE)));
    }

    @BeforeEach
    void noDefaultToken() {
        RestAssured.requestSpecification = null;
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", TestTokens.bearer(token));
    }

    private static void assertProblem(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    private static void assertUnauthorized(Response response) {
        assertProblem(response, 401);
        response.then().header("WWW-Authenticate", startsWith("Bearer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void eachRoleOpensItsEndpointsAndNoOther(Call call) {
        // The profile and item the calls address exist, so that allowed calls answer 2xx or 404 for cause.
        as(TestTokens.withRoles(Roles.PROFILES_WRITE)).contentType("application/json").body(PROFILE)
                .put("/v1/users/" + USER).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        for (String role : Roles.ALL) {
            Response response = call.send(as(TestTokens.withRoles(role)));
            if (call.roles().contains(role)) {
                // 503 is allowed: the catalog may still be loading.
                assertThat(response.statusCode()).as("%s with role %s", call, role).isNotIn(401, 403, 500);
            } else {
                assertProblem(response, 403);
            }
        }
        assertProblem(call.send(as(TestTokens.withRoles())), 403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("calls")
    void everyEndpointNeedsAValidToken(Call call) {
        assertUnauthorized(call.send(given()));
        assertUnauthorized(call.send(as(TestTokens.expired())));
        assertUnauthorized(call.send(as(TestTokens.forged())));
        assertUnauthorized(call.send(as(TestTokens.wrongIssuer())));
        assertUnauthorized(call.send(given().header("Authorization", "Bearer not-a-jwt")));
        assertUnauthorized(call.send(given().header("Authorization", "Basic dXNlcjpwYXNz")));
    }

    @Test
    void aRejectedTokenIsToldWhichCheckItFailed() {
        Map<String, String> expected = Map.of(
                TestTokens.expired(), "expired",
                TestTokens.forged(), "signature does not verify",
                TestTokens.wrongIssuer(), "issuer (iss) is not the one this service accepts",
                "not-a-jwt", "not a well-formed signed JWT");
        expected.forEach((token, reason) -> {
            Response response = as(token).get("/v1/catalog");
            assertUnauthorized(response);
            String detail = response.jsonPath().getString("detail");
            assertThat(detail).as("detail for a token that should fail with '%s'", reason).contains(reason);
            assertThat(detail).doesNotContain(token).doesNotContain("BEGIN");
        });
    }

    @Test
    void rejectedCallsWriteNothing() {
        String id = "auth-never-" + System.nanoTime();
        assertUnauthorized(given().contentType("application/json").body(PROFILE).put("/v1/users/" + id));
        assertProblem(as(TestTokens.withRoles(Roles.PROFILES_READ)).contentType("application/json").body(PROFILE)
                .put("/v1/users/" + id), 403);
        as(TestTokens.withRoles(Roles.PROFILES_READ)).get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void authenticationComesBeforeTheBodyChecks() {
        byte[] tooLarge = new byte[300 * 1024];
        java.util.Arrays.fill(tooLarge, (byte) ' ');
        assertUnauthorized(given().contentType("application/json").body(tooLarge).put("/v1/users/auth-big"));
        // Without a Content-Type, RequestGuards would answer 415 to an authenticated caller.
        assertUnauthorized(given().body(PROFILE.getBytes(StandardCharsets.UTF_8)).noContentType()
                .put("/v1/users/auth-no-type"));
        // An authenticated caller does get the body checks.
        assertProblem(as(TestTokens.allRoles()).contentType("application/json").body(tooLarge)
                .put("/v1/users/auth-big"), 413);
        assertProblem(as(TestTokens.allRoles()).contentType("application/json").body(PROFILE)
                .post("/v1/items/import"), 415);
    }

    @Test
    void anAuthenticatedCallerStillGetsNotFoundAndMethodNotAllowed() {
        as(TestTokens.withRoles()).get("/v1/no-such-thing").then().statusCode(404);
        as(TestTokens.withRoles()).contentType("application/json").body("{}").post("/v1/users/someone")
                .then().statusCode(405);
    }

    @Test
    void healthMetricsAndTheApiDocumentStayOpen() {
        for (String path : List.of("/q/health/live", "/q/health/ready", "/q/health/started", "/q/metrics",
                "/q/openapi")) {
            given().get(path).then().statusCode(200);
        }
    }
}
