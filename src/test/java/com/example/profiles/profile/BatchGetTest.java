package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class BatchGetTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hundredIdsWithSomeMissing() throws Exception {
        String prefix = TestProfiles.newId();
        List<String> ids = IntStream.range(0, 100).mapToObj(i -> prefix + "-" + i).toList();
        List<String> stored = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (i % 4 != 0) {
                given().contentType(ContentType.JSON)
                        .body(Json.object().put("user_name", "user " + i).put("user_features", Json.array(i)).toString())
                        .put("/v1/users/" + ids.get(i)).then().statusCode(201);
                stored.add(ids.get(i));
            }
        }
        JsonPath answer = given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("user_ids", ids)))
                .post("/v1/users/batch-get")
                .then().statusCode(200).extract().jsonPath();
        List<String> found = answer.getList("users.user_id");
        assertThat(found).containsExactlyElementsOf(stored);
        assertThat(answer.getList("missing", String.class))
                .containsExactlyElementsOf(ids.stream().filter(id -> !stored.contains(id)).collect(Collectors.toList()));
        assertThat(answer.getString("users[0].user_name")).isEqualTo("user 1");
        assertThat(answer.getList("users[1].user_features", Float.class)).containsExactly(2.0f);
    }

    @Test
    void fieldsAreProjected() throws Exception {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        given().contentType(ContentType.JSON)
                .body(JSON.writeValueAsString(Map.of("user_ids", List.of(id, id), "fields", List.of("user_name"))))
                .post("/v1/users/batch-get")
                .then().statusCode(200)
                .body("users.size()", equalTo(1))
                .body("users[0].user_id", equalTo(id))
                .body("users[0].user_name", equalTo("Alice Example"))
                .body("users[0]", not(hasKey("attributes")))
                .body("users[0]", not(hasKey("user_features")))
                .body("missing.size()", equalTo(0));
    }

    @Test
    void rejectsEmptyOversizedAndInvalidRequests() throws Exception {
        List<String> tooMany = IntStream.range(0, 101).mapToObj(i -> "id-" + i).toList();
        for (String body : List.of("{\"user_ids\": []}", JSON.writeValueAsString(Map.of("user_ids", tooMany)),
                "{\"user_ids\": [\"bad id\"]}", "{\"user_ids\": [1]}", "{\"user_ids\": \"x\"}", "{}",
                "{\"user_ids\": [\"a\"], \"fields\": [\"password\"]}", "{\"user_ids\": [\"a\"], \"extra\": 1}")) {
            given().contentType(ContentType.JSON).body(body)
                    .post("/v1/users/batch-get")
                    .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
    }
}
