package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class PreconditionTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void ifNoneMatchStarCreatesOnlyOnce() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).header("If-None-Match", "*").body("{\"user_name\": \"A\"}")
                .put("/v1/users/" + id).then().statusCode(201);
        given().contentType(ContentType.JSON).header("If-None-Match", "*").body("{\"user_name\": \"B\"}")
                .put("/v1/users/" + id).then().statusCode(412).contentType("application/problem+json");
        given().get("/v1/users/" + id).then().body("user_name", equalTo("A"));
    }

    @Test
    void putIfMatchReplacesOnlyTheMatchingVersion() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"A\"}").put("/v1/users/" + id).then().statusCode(201);
        given().contentType(ContentType.JSON).header("If-Match", "\"2\"").body("{\"user_name\": \"B\"}")
                .put("/v1/users/" + id).then().statusCode(412);
        given().contentType(ContentType.JSON).header("If-Match", "\"5\", \"1\"").body("{\"user_name\": \"B\"}")
                .put("/v1/users/" + id).then().statusCode(200).header("ETag", "\"2\"");
        given().get("/v1/users/" + id).then().body("user_name", equalTo("B"));
    }

    @Test
    void ifMatchOnAnAbsentProfileFailsAndCreatesNothing() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).header("If-Match", "*").body("{\"user_name\": \"A\"}")
                .put("/v1/users/" + id).then().statusCode(412);
        given().contentType(ContentType.JSON).header("If-Match", "\"1\"").body("{\"user_name\": \"A\"}")
                .put("/v1/users/" + id).then().statusCode(412);
        given().get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void deleteIfMatch() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"A\"}").put("/v1/users/" + id).then().statusCode(201);
        given().header("If-Match", "\"9\"").delete("/v1/users/" + id).then().statusCode(412)
                .contentType("application/problem+json");
        given().get("/v1/users/" + id).then().statusCode(200);
        given().header("If-Match", "\"1\"").delete("/v1/users/" + id).then().statusCode(204);
        given().get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void malformedIfMatchIs400() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).header("If-Match", "3").body("{\"user_name\": \"A\"}")
                .put("/v1/users/" + id).then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void twoWritersWithTheSameIfMatchExactlyOneWins() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = TestProfiles.newId();
            given().contentType(ContentType.JSON).body("{\"user_name\": \"start\"}").put("/v1/users/" + id)
                    .then().statusCode(201);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Callable<Integer>> writers = new ArrayList<>();
                for (String name : List.of("left", "right")) {
                    writers.add(() -> given().contentType("application/merge-patch+json").header("If-Match", "\"1\"")
                            .body(Json.object().put("user_name", name).toString())
                            .patch("/v1/users/" + id).statusCode());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(writers)) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsExactlyInAnyOrder(200, 412);
            } finally {
                pool.shutdown();
            }
            given().get("/v1/users/" + id).then().body("version", equalTo(2));
        }
    }
}
