package com.example.profiles.attribution;

import static org.hamcrest.Matchers.oneOf;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import com.example.profiles.catalog.ItemChanges;
import com.example.profiles.codec.FeatureCodec;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sets up an experiment between models through the public API where it exists (items, users, model
 * definitions, the split, catalog reloads) and writes the vectors of models other than default straight into the
 * tables (the attribute names of {@link ModelDefinition}), with the items' change stamp so that a catalog refresh
 * sees them. Once the API takes vectors per model, those writes belong there.
 */
final class ExperimentFixture {

    static final int DIMENSION = 4;

    private final Supplier<RequestSpecification> http;
    private final EngineTables engine;
    private final String itemsTable;
    private final String profilesTable;

    ExperimentFixture(Supplier<RequestSpecification> http, EngineTables engine, String itemsTable, String profilesTable) {
        this.http = http;
        this.engine = engine;
        this.itemsTable = itemsTable;
        this.profilesTable = profilesTable;
    }

    /** Items {@code item-0 ..} with random vectors in default and in each of {@code models}. */
    void items(int count, List<String> models, SplittableRandom random) {
        for (int i = 0; i < count; i++) {
            String id = "item-" + i;
            http.get().contentType(ContentType.JSON)
                    .body(Json.object().put("title", "Book " + i).put("embedding", Json.numbers(vector(random))).toString())
                    .put("/v1/items/" + id).then().statusCode(oneOf(200, 201));
            if (!models.isEmpty()) {
                Map<String, AttributeValue> item = new HashMap<>(engine.item(itemsTable, "item_id", id));
                models.forEach(m -> item.put(ModelDefinition.itemAttribute(m), bytes(vector(random))));
                engine.put(itemsTable, ItemChanges.stamp(item, System.currentTimeMillis()));
            }
        }
    }

    /** A model of {@link #DIMENSION} dimensions. */
    void define(String model) {
        http.get().contentType(ContentType.JSON).body("{\"dimension\": " + DIMENSION + ", \"metric\": \"dot\"}")
                .put("/v1/models/" + model).then().statusCode(oneOf(200, 201));
    }

    /** A user with a vector in default and in each of {@code models}. */
    void user(String id, List<String> models, SplittableRandom random) {
        http.get().contentType(ContentType.JSON)
                .body(Json.object().put("user_name", "Reader").put("user_features", Json.numbers(vector(random))).toString())
                .put("/v1/users/" + id).then().statusCode(oneOf(200, 201));
        if (!models.isEmpty()) {
            Map<String, AttributeValue> profile = new HashMap<>(engine.item(profilesTable, "user_id", id));
            models.forEach(m -> profile.put(ModelDefinition.userAttribute(m), bytes(vector(random))));
            engine.put(profilesTable, profile);
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

    private static float[] vector(SplittableRandom random) {
        float[] v = new float[DIMENSION];
        for (int i = 0; i < DIMENSION; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static AttributeValue bytes(float[] vector) {
        return AttributeValue.fromB(SdkBytes.fromByteArray(FeatureCodec.encode(vector)));
    }
}
