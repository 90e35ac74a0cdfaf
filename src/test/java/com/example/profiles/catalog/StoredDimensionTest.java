package com.example.profiles.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.example.profiles.codec.FeatureCodec;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.model.RegistryItem;
import com.example.profiles.support.Json;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The catalog's dimension is the store's, not a pod's snapshot: two imports of different dimensions racing
 * into an empty catalog leave exactly one dimension in the table, and a pod that never reloaded still
 * refuses another dimension.
 */
@QuarkusTest
@TestProfile(StoredDimensionTest.OwnTable.class)
class StoredDimensionTest {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "DimensionItems" + System.nanoTime(),
                    "profiles.auth.enabled", "false",
                    // Nothing reloads behind the test's back: the checks must hold without a reload.
                    "recommend.catalog.refresh", "1h");
        }
    }

    private static final int LINES = 400;

    @Inject
    DynamoDbAsyncClient dynamo;
    @Inject
    RecommendConfig config;
    @Inject
    CatalogRefresher refresher;
    @Inject
    CatalogHolder catalogs;

    @Test
    void racingImportsOfTwoDimensionsLeaveOneAndLaterWritesAreCheckedAgainstIt() throws Exception {
        refresher.reload().await().atMost(Duration.ofSeconds(60));
        HttpClient http = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> eight = http.sendAsync(importOf("eight-", 8), HttpResponse.BodyHandlers.ofString());
        CompletableFuture<HttpResponse<String>> three = http.sendAsync(importOf("three-", 3), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> a = eight.get();
        HttpResponse<String> b = three.get();

        Map<String, Integer> stored = storedDimensions();
        int dimension = stored.remove(RegistryItem.KEY);
        assertThat(dimension).isIn(8, 3);
        assertThat(stored.values()).as("dimensions in the table").containsOnly(dimension);
        HttpResponse<String> winner = dimension == 8 ? a : b;
        HttpResponse<String> loser = dimension == 8 ? b : a;
        String winnerPrefix = dimension == 8 ? "eight-" : "three-";
        assertThat(winner.statusCode()).isEqualTo(200);
        assertThat(JsonPath.from(winner.body()).getLong("imported")).isEqualTo(LINES);
        assertThat(stored.keySet()).hasSize(LINES).allSatisfy(id -> assertThat(id).startsWith(winnerPrefix));
        // The loser either met the claimed dimension at its start (every line rejected) or lost the claim
        // with its first batch (stopped at line 1, nothing written).
        JsonPath answer = JsonPath.from(loser.body());
        if (loser.statusCode() == 200) {
            assertThat(answer.getLong("imported")).isZero();
            assertThat(answer.getLong("rejected_count")).isEqualTo(LINES);
        } else {
            assertThat(loser.statusCode()).isEqualTo(422);
            assertThat(loser.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(answer.getInt("resume_from_line")).isEqualTo(1);
            assertThat(answer.getLong("imported")).isZero();
            assertThat(answer.getString("detail")).contains("the catalog's embeddings have " + dimension);
        }

        // This pod loaded the catalog while it was empty and has not reloaded since.
        assertThat(catalogs.current().dimension()).isZero();
        int other = dimension == 8 ? 2 : 8;
        given().contentType("application/json")
                .body(Json.object().put("title", "x").put("embedding", Json.numbers(new float[other])).toString())
                .put("/v1/items/another-dimension")
                .then().statusCode(422).contentType("application/problem+json");
        JsonPath late = given().contentType("application/x-ndjson").body((line("late-1", other) + "\n" + line("late-2", dimension)).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200).extract().jsonPath();
        assertThat(late.getLong("imported")).isEqualTo(1);
        assertThat(late.getList("rejected.line", Integer.class)).containsExactly(1);
        assertThat(storedDimensions().values()).containsOnly(dimension);
    }

    private HttpRequest importOf(String prefix, int dimension) {
        StringBuilder body = new StringBuilder();
        for (int i = 1; i <= LINES; i++) {
            body.append(line(prefix + i, dimension)).append('\n');
        }
        return HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/items/import"))
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private static String line(String id, int dimension) {
        float[] embedding = new float[dimension];
        embedding[0] = 1;
        return Json.object().put("item_id", id).put("title", id).put("embedding", Json.numbers(embedding)).toString();
    }

    /** Every row's embedding dimension by id, the manifest's stored dimension under its key. */
    private Map<String, Integer> storedDimensions() {
        Map<String, Integer> found = new java.util.HashMap<>();
        List<Map<String, AttributeValue>> rows = new ArrayList<>();
        dynamo.scanPaginator(ScanRequest.builder().tableName(config.itemsTable()).build())
                .subscribe(page -> rows.addAll(page.items())).join();
        for (Map<String, AttributeValue> row : rows) {
            String id = row.get(ItemSchema.ITEM_ID).s();
            if (id.equals(RegistryItem.KEY)) {
                found.put(id, Integer.parseInt(row.get(RegistryItem.DIMENSION).n()));
            } else {
                found.put(id, FeatureCodec.decode(row.get(ItemSchema.EMBEDDING).b().asByteArray()).length);
            }
        }
        return found;
    }
}
