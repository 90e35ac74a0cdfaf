package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;


import com.example.profiles.codec.FeatureCodec;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items written by the original boto3 code: features as a JSON string, no version, no attributes. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class LegacyFeaturesTest {

    @Inject
    DynamoDbAsyncClient dynamo;

    private String legacyItem() {
        String id = TestProfiles.newId();
        dynamo.putItem(b -> b.tableName("UserProfiles").item(Map.of(
                "user_id", AttributeValue.fromS(id),
                "user_name", AttributeValue.fromS("Legacy Lee"),
                "user_features", AttributeValue.fromS("[0.25, -2, 1e-3]")))).join();
        return id;
    }

    private AttributeValue storedFeatures(String id) {
        return dynamo.getItem(b -> b.tableName("UserProfiles").key(Map.of("user_id", AttributeValue.fromS(id))))
                .join().item().get("user_features");
    }

    @Test
    void legacyJsonTextFeaturesAreRead() {
        String id = legacyItem();
        given().get("/v1/users/" + id).then().statusCode(200)
                .body("user_name", equalTo("Legacy Lee"))
                .body("user_features", contains(0.25f, -2.0f, 0.001f));
    }

    @Test
    void patchRewritesLegacyFeaturesInBinary() {
        String id = legacyItem();
        given().contentType("application/merge-patch+json").body("{\"attributes\": {\"tier\": \"gold\"}}")
                .patch("/v1/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("attributes.tier", equalTo("gold"))
                .body("user_features", contains(0.25f, -2.0f, 0.001f));
        AttributeValue stored = storedFeatures(id);
        assertThat(stored.b()).isNotNull();
        assertThat(FeatureCodec.decode(stored.b().asByteArray())).containsExactly(0.25f, -2.0f, 0.001f);
    }

    @Test
    void putRewritesLegacyFeaturesInBinary() {
        String id = legacyItem();
        given().contentType("application/json").body("{\"user_name\": \"Lee\", \"user_features\": [4]}")
                .put("/v1/users/" + id)
                .then().statusCode(200).body("version", equalTo(1));
        assertThat(FeatureCodec.decode(storedFeatures(id).b().asByteArray())).containsExactly(4.0f);
    }
}
