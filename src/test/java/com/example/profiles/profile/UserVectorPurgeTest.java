package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestModels;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@link UserVectorPurge}: a retired model's user vectors, their start and event-time attributes and their history
 * rows leave the store; every other model's, {@code default}'s and the rest of the profile stay; a second run finds
 * nothing left to do.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class UserVectorPurgeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    UserVectorPurge purge;

    private static void write(String model, String user, String eventTime, float... features) {
        given().contentType(ContentType.JSON)
                .body(Json.object().put("features", Json.numbers(features)).put("event_time", eventTime).toString())
                .put("/v1/models/" + model + "/users/" + user + "/features").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    @Test
    void aRetiredModelsUserVectorsAndHistoryAreRemovedAndNothingElse() {
        String retired = TestModels.define(TestModels.fresh(), 2);
        String longer = TestModels.define(retired + "-v2", 2);
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String user = TestProfiles.newId();
            given().contentType(ContentType.JSON).body("{\"user_name\": \"p\", \"user_features\": [1, 2, 3]}")
                    .put("/v1/users/" + user).then().statusCode(201);
            write(retired, user, "2021-01-01T00:00:00Z", i, 0);
            write(retired, user, "2021-02-01T00:00:00Z", i, 1);
            write(longer, user, "2021-01-01T00:00:00Z", i, 2);
            write(longer, user, "2021-02-01T00:00:00Z", i, 3);
            users.add(user);
        }
        given().contentType("application/merge-patch+json").body("{\"user_features\": [4, 5, 6]}")
                .patch("/v1/users/" + users.get(0)).then().statusCode(200);
        TestModels.retire(retired);

        Long changed = purge.removeModelVectors(retired).await().atMost(WAIT);
        assertThat(changed).as("12 profiles cleaned, 12 history rows deleted").isEqualTo(24);

        try (EngineTables tables = EngineTables.ofTestEngine()) {
            for (String user : users) {
                Map<String, AttributeValue> row = tables.item("UserProfiles", "user_id", user);
                assertThat(row).doesNotContainKeys("user_features:" + retired, "features_since:" + retired,
                        "features_event_time:" + retired);
                assertThat(row).containsKeys("user_features", "user_name", "user_features:" + longer,
                        "features_since:" + longer, "features_event_time:" + longer);
                List<String> keys = tables.partition("UserFeatureHistory", "user_id", user).stream()
                        .map(r -> r.get("valid_from").s()).toList();
                assertThat(keys).noneMatch(k -> k.startsWith("@" + retired + "#"));
                assertThat(keys).contains("@" + longer + "#2021-01-01T00:00:00.000Z");
            }
            assertThat(tables.partition("UserFeatureHistory", "user_id", users.get(0)))
                    .as("the longer model's row and default's row stay").hasSize(2);
        }
        assertThat(purge.removeModelVectors(retired).await().atMost(WAIT)).as("a second run has nothing to do").isZero();
        given().queryParam("fields", "features").get("/v1/users/" + users.get(3)).then().statusCode(200)
                .body("features.'" + longer + "'", org.hamcrest.Matchers.equalTo(List.of(3f, 3f)));
    }
}
