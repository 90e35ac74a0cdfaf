package com.example.profiles.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.oneOf;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** After real traffic, /q/metrics shows each family the operators rely on, with bounded tags. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class MetricsTest {

    /** Same dimension as every other test's items: one catalog holds one dimension. */
    static final String EMBEDDING = "[0, 0, 0, 0, 0, 0.25, 0, 0]";

    static void traffic(String userId) {
        given().contentType(ContentType.JSON).body("{\"title\": \"metrics book\", \"embedding\": " + EMBEDDING + "}")
                .put("/v1/items/metrics-item").then().statusCode(oneOf(200, 201));
        given().contentType("application/x-ndjson")
                .body(("{\"item_id\": \"metrics-item-2\", \"title\": \"t\", \"embedding\": " + EMBEDDING + "}\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200);
        given().post("/v1/catalog/reload").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"user_name\": \"M\", \"user_features\": [0, 0, 0, 0, 0, 1, 0, 0]}")
                .put("/v1/users/" + userId).then().statusCode(oneOf(200, 201));
        given().get("/v1/users/" + userId).then().statusCode(200);
        given().get("/v1/users/" + userId + "/recommendations?k=2").then().statusCode(200);
        given().get("/v1/users/" + userId + "-absent").then().statusCode(404);
        given().contentType(ContentType.JSON).header("If-Match", "\"424242\"").body("{\"user_name\": \"M\"}")
                .put("/v1/users/" + userId).then().statusCode(412);
        // a PUT decides If-Match on the profile it read; a delete leaves it to the store's condition
        given().header("If-Match", "\"424242\"").delete("/v1/users/" + userId).then().statusCode(412);
    }

    static String scrape() {
        RestAssured.requestSpecification = null;
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of the first sample line of {@code name} whose labels contain {@code labels}. */
    static double sample(String metrics, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{(.*)\\})? (\\S+)$").matcher(metrics);
        while (m.find()) {
            if ((m.group(1) == null ? "" : m.group(1)).contains(labels)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{" + labels + "} in\n" + metrics);
    }

    @Test
    void everyMetricFamilyAppearsAfterTraffic() {
        String userId = "metrics-user-" + System.nanoTime();
        traffic(userId);
        // A caller without a token, on a path with a user id: 401 must not create a per-id series.
        RestAssured.requestSpecification = null;
        given().get("/v1/users/" + userId + "-probe").then().statusCode(401);
        String metrics = scrape();

        // HTTP server histograms per endpoint template, never per id.
        assertThat(sample(metrics, "http_server_requests_seconds_count", "uri=\"/v1/users/{user_id}\"")).isPositive();
        assertThat(sample(metrics, "http_server_requests_seconds_count",
                "uri=\"/v1/users/{user_id}/recommendations\"")).isPositive();
        assertThat(sample(metrics, "http_server_requests_seconds_count", "uri=\"/v1/items/import\"")).isPositive();
        assertThat(metrics).contains("http_server_requests_seconds_bucket{");
        assertThat(metrics).doesNotContain(userId);

        // DynamoDB calls per operation, errors by type.
        assertThat(sample(metrics, "dynamodb_client_operation_seconds_count", "operation=\"GetItem\"")).isPositive();
        assertThat(metrics).contains("dynamodb_client_operation_seconds_bucket{");
        assertThat(sample(metrics, "dynamodb_client_errors_total", "error=\"ConditionalCheckFailedException\""))
                .isPositive();

        // Catalog state and kernel.
        assertThat(sample(metrics, "catalog_items", "")).isGreaterThanOrEqualTo(2);
        assertThat(sample(metrics, "catalog_dimension", "")).isEqualTo(8);
        assertThat(sample(metrics, "catalog_age_seconds", "")).isGreaterThanOrEqualTo(0);
        assertThat(sample(metrics, "recommend_kernel_info", "kernel=\"")).isEqualTo(1);

        // Scoring time, and the int8 candidate summary (recorded by Int8MetricsTest's profile).
        assertThat(sample(metrics, "recommend_scoring_seconds_count", "precision=\"float32\"")).isPositive();
        assertThat(metrics).contains("recommend_scoring_seconds_bucket{").contains("recommend_int8_candidates_count");
    }
}
