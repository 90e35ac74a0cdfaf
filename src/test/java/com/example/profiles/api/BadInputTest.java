package com.example.profiles.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestProfiles;
import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** Every malformed request gets a 4xx problem naming the defect, and nothing reaches the store. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class BadInputTest {

    record Case(String name, String method, String contentType, byte[] body, int expectedStatus) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case put(String name, String body, int status) {
        return new Case(name, "PUT", "application/json", body.getBytes(StandardCharsets.UTF_8), status);
    }

    static Case patch(String name, String body, int status) {
        return new Case(name, "PATCH", "application/merge-patch+json", body.getBytes(StandardCharsets.UTF_8), status);
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        cases.add(put("malformed JSON", "{\"user_name\": ", 400));
        cases.add(put("not an object", "[1, 2]", 400));
        cases.add(put("empty body", "", 400));
        cases.add(put("trailing garbage", "{\"user_name\": \"a\"} x", 400));
        cases.add(put("duplicate keys", "{\"user_name\": \"a\", \"user_name\": \"b\"}", 400));
        cases.add(put("missing user_name", "{\"attributes\": {}}", 400));
        cases.add(put("blank user_name", "{\"user_name\": \"  \"}", 400));
        cases.add(put("numeric user_name", "{\"user_name\": 5}", 400));
        cases.add(put("unknown field", "{\"user_name\": \"a\", \"username\": \"b\"}", 400));
        cases.add(put("attributes not an object", "{\"user_name\": \"a\", \"attributes\": [1]}", 400));
        cases.add(put("features not an array", "{\"user_name\": \"a\", \"user_features\": \"1,2\"}", 400));
        cases.add(put("features with a string", "{\"user_name\": \"a\", \"user_features\": [1, \"2\"]}", 400));
        cases.add(put("features with null", "{\"user_name\": \"a\", \"user_features\": [1, null]}", 400));
        cases.add(put("NaN token", "{\"user_name\": \"a\", \"user_features\": [NaN]}", 400));
        cases.add(put("Infinity token", "{\"user_name\": \"a\", \"user_features\": [Infinity]}", 400));
        cases.add(put("feature beyond float32", "{\"user_name\": \"a\", \"user_features\": [1e39]}", 400));
        cases.add(put("feature beyond double", "{\"user_name\": \"a\", \"user_features\": [1e400]}", 400));
        cases.add(put("empty features", "{\"user_name\": \"a\", \"user_features\": []}", 400));
        cases.add(put("4097 features", "{\"user_name\": \"a\", \"user_features\": [" + "0.5,".repeat(4096) + "1]}", 400));
        cases.add(put("number DynamoDB cannot hold", "{\"user_name\": \"a\", \"attributes\": {\"x\": 1e200}}", 400));
        cases.add(put("39 significant digits", "{\"user_name\": \"a\", \"attributes\": {\"x\": 1.23456789012345678901234567890123456789}}", 400));
        cases.add(put("empty attribute key", "{\"user_name\": \"a\", \"attributes\": {\"\": 1}}", 400));
        cases.add(put("nesting deeper than DynamoDB's 32", "{\"user_name\": \"a\", \"attributes\": "
                + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}", 400));
        cases.add(put("nesting 5000 deep", "{\"user_name\": \"a\", \"attributes\": "
                + "[".repeat(5000) + "]".repeat(5000) + "}", 400));
        cases.add(new Case("invalid UTF-8", "PUT", "application/json",
                new byte[] { '{', '"', 'u', 's', 'e', 'r', '_', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }, 400));
        cases.add(new Case("text/plain", "PUT", "text/plain", "{\"user_name\": \"a\"}".getBytes(StandardCharsets.UTF_8), 415));
        cases.add(new Case("no content type", "PUT", null, "{\"user_name\": \"a\"}".getBytes(StandardCharsets.UTF_8), 415));
        cases.add(put("body over 256 KiB", "{\"user_name\": \"a\", \"attributes\": {\"blob\": \"" + "x".repeat(270_000) + "\"}}", 413));
        cases.add(put("body over the 1 MiB hard cap", "{\"user_name\": \"a\", \"attributes\": {\"blob\": \"" + "x".repeat(1_200_000) + "\"}}", 413));
        cases.add(patch("patch: malformed", "{\"attributes\": {", 400));
        cases.add(patch("patch: wrong type", "{\"attributes\": 3}", 400));
        cases.add(patch("patch: user_id", "{\"user_id\": \"other\"}", 400));
        cases.add(patch("patch: NaN feature", "{\"user_features\": [NaN]}", 400));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectedWithAProblemAndNothingStored(Case c) throws Exception {
        String id = TestProfiles.newId();
        if (c.method().equals("PATCH")) {
            given().contentType("application/json").body("{\"user_name\": \"Before\"}").put("/v1/users/" + id)
                    .then().statusCode(201);
        }
        if (c.contentType() == null) {
            assertRawRequestRejected(c, id);
        } else {
            Response response = given().body(c.body()).contentType(c.contentType()).request(c.method(), "/v1/users/" + id);
            assertThat(response.statusCode()).as(c.name() + ": " + response.asString()).isEqualTo(c.expectedStatus());
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).isEqualTo(c.expectedStatus());
            assertThat(response.jsonPath().getString("detail")).isNotBlank();
        }

        Response stored = given().get("/v1/users/" + id);
        if (c.method().equals("PATCH")) {
            assertThat(stored.jsonPath().getInt("version")).isEqualTo(1);
            assertThat(stored.jsonPath().getString("user_name")).isEqualTo("Before");
        } else {
            assertThat(stored.statusCode()).isEqualTo(404);
        }
    }

    /** REST Assured always sends some Content-Type; the JDK client sends none unless told. */
    private static void assertRawRequestRejected(Case c, String id) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                .uri(URI.create("http://localhost:" + RestAssured.port + "/v1/users/" + id))
                .header("Authorization", TestTokens.bearer(TestTokens.allRoles()))
                .method(c.method(), HttpRequest.BodyPublishers.ofByteArray(c.body()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(c.name()).isEqualTo(c.expectedStatus());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    static Stream<String> badIds() {
        return Stream.of("a".repeat(129), "has%20space", "semi;colon", "slash%2Fin", "quote%22", "%00", "emoji%F0%9F%98%80", "..", "%2E%2E");
    }

    @ParameterizedTest(name = "id {0}")
    @MethodSource("badIds")
    void badIdsAreRejectedOnEveryMethod(String id) {
        for (String method : List.of("GET", "PUT", "DELETE")) {
            Response response = given().urlEncodingEnabled(false).contentType("application/json")
                    .body("{\"user_name\": \"a\"}").request(method, "/v1/users/" + id);
            assertThat(response.statusCode()).as(method + " " + id).isBetween(400, 404);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    /**
     * /v1/users/export is the export resource (GET only), so no profile with the id "export" can be written
     * and then be unreadable: writes to that path are a 405 problem and store nothing.
     */
    @Test
    void noProfileCanBeWrittenUnderTheExportPath() throws Exception {
        for (String method : List.of("PUT", "PATCH")) {
            Response response = given().contentType(method.equals("PUT") ? "application/json" : "application/merge-patch+json")
                    .body("{\"user_name\": \"a\"}").request(method, "/v1/users/export");
            assertThat(response.statusCode()).as(method).isEqualTo(405);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        String exported = given().accept("application/x-ndjson").get("/v1/users/export").asString();
        for (String line : exported.split("\n")) {
            if (!line.isBlank()) {
                assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(line).get("user_id").asText())
                        .isNotEqualTo("export");
            }
        }
    }
}
