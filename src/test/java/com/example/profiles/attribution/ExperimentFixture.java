package com.example.profiles.attribution;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import com.example.profiles.support.Json;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Sets up an experiment between models through the public API, as an ML team would: items and their vectors in
 * default by the item import, each other model's item and user vectors by its imports, the profiles one PUT each,
 * the model definitions, the split and the catalog reloads.
 */
final class ExperimentFixture {

    static final int DIMENSION = 4;
    private static final String NDJSON = "application/x-ndjson";

    private final Supplier<RequestSpecification> http;

    ExperimentFixture(Supplier<RequestSpecification> http) {
        this.http = http;
    }

    /** Items {@code item-0 ..} with random vectors in default and in each of {@code models}. */
    void items(int count, List<String> models, SplittableRandom random) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < count; i++) {
            lines.append(Json.object().put("item_id", "item-" + i).put("title", "Book " + i)
                    .put("embedding", Json.numbers(vector(random)))).append('\n');
        }
        imported("/v1/items/import", lines, count);
        for (String model : models) {
            StringBuilder vectors = new StringBuilder();
            for (int i = 0; i < count; i++) {
                vectors.append(Json.object().put("item_id", "item-" + i).put("embedding", Json.numbers(vector(random))))
                        .append('\n');
            }
            imported("/v1/models/" + model + "/items/import", vectors, count);
        }
    }

    /** A model of {@link #DIMENSION} dimensions. */
    void define(String model) {
        http.get().contentType(ContentType.JSON).body("{\"dimension\": " + DIMENSION + ", \"metric\": \"dot\"}")
                .put("/v1/models/" + model).then().statusCode(oneOf(200, 201));
    }

    /** Users with a vector in default and in each of {@code models}. */
    void users(List<String> ids, List<String> models, SplittableRandom random) {
        for (String id : ids) {
            http.get().contentType(ContentType.JSON)
                    .body(Json.object().put("user_name", "Reader").put("user_features", Json.numbers(vector(random)))
                            .toString())
                    .put("/v1/users/" + id).then().statusCode(oneOf(200, 201));
        }
        for (String model : models) {
            StringBuilder lines = new StringBuilder();
            ids.forEach(id -> lines.append(Json.object().put("user_id", id).put("features", Json.numbers(vector(random))))
                    .append('\n'));
            imported("/v1/models/" + model + "/users/import", lines, ids.size());
        }
    }

    /** The split, in force in this pod once the call answers (it reloads the catalog first). */
    void split(Map<String, Integer> weights, String salt) {
        reload();
        http.get().contentType(ContentType.JSON)
                .body(Json.object().put("split", weights).put("salt", salt).toString())
                .put("/v1/models/traffic").then().statusCode(200);
        reload();
    }

    void reload() {
        http.get().post("/v1/catalog/reload").then().statusCode(200);
    }

    private void imported(String path, CharSequence lines, int count) {
        http.get().contentType(NDJSON).body(lines.toString().getBytes(StandardCharsets.UTF_8)).post(path).then().statusCode(200)
                .body("imported", equalTo(count)).body("rejected_count", equalTo(0));
    }

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
