package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.example.profiles.codec.FeatureCodec;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ExportTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final int PROFILES = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DynamoDbAsyncClient dynamo;

    @Test
    void exportsEveryProfileExactlyOnceAsNdjson() throws Exception {
        String prefix = "export-" + System.nanoTime() + "-";
        seed(prefix);

        for (int segments : new int[] { 1, 4, 7 }) {
            String body = given().queryParam("segments", segments)
                    .get("/v1/users/export")
                    .then().statusCode(200).contentType("application/x-ndjson")
                    .extract().asString();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : body.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode profile = JSON.readTree(line);
                String id = profile.get("user_id").asText();
                if (id.startsWith(prefix)) {
                    seen.merge(id, 1, Integer::sum);
                    int n = Integer.parseInt(id.substring(prefix.length()));
                    assertThat(profile.get("user_name").asText()).isEqualTo("name " + n);
                    assertThat(profile.get("user_features").get(0).floatValue()).isEqualTo(n);
                }
            }
            assertThat(seen).as("segments=%d", segments).hasSize(PROFILES);
            assertThat(seen.values()).as("no duplicates").allMatch(count -> count == 1);
        }
    }

    @Test
    void rejectsOutOfRangeSegments() {
        for (String segments : List.of("0", "17", "-1", "abc", "1.5")) {
            given().queryParam("segments", segments).get("/v1/users/export")
                    .then().statusCode(400).contentType("application/problem+json");
        }
    }

    private void seed(String prefix) {
        List<CompletableFuture<BatchWriteItemResponse>> writes = new ArrayList<>();
        List<WriteRequest> chunk = new ArrayList<>();
        // Few calls in flight at a time: the client's connection pool is bounded.
        for (int i = 0; i < PROFILES; i++) {
            Map<String, AttributeValue> item = Map.of(
                    "user_id", AttributeValue.fromS(prefix + i),
                    "user_name", AttributeValue.fromS("name " + i),
                    "user_features", AttributeValue.fromB(SdkBytes.fromByteArray(FeatureCodec.encode(new float[] { i, 1f }))),
                    "version", AttributeValue.fromN("1"));
            chunk.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            if (chunk.size() == 25 || i == PROFILES - 1) {
                List<WriteRequest> batch = List.copyOf(chunk);
                chunk.clear();
                writes.add(dynamo.batchWriteItem(b -> b.requestItems(Map.of("UserProfiles", batch))));
                if (writes.size() == 8) {
                    writes.forEach(write -> assertThat(write.join().unprocessedItems()).isEmpty());
                    writes.clear();
                }
            }
        }
        for (CompletableFuture<BatchWriteItemResponse> write : writes) {
            assertThat(write.join().unprocessedItems()).isEmpty();
        }
    }
}
