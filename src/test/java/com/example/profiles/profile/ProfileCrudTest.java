package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;


import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ProfileCrudTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void putCreatesThenReplacesWithVersionAndEtag() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE)
                .when().put("/v1/users/" + id)
                .then().statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", org.hamcrest.Matchers.endsWith("/v1/users/" + id))
                .body("user_id", equalTo(id))
                .body("user_name", equalTo("Alice Example"))
                .body("attributes.address.city", equalTo("Lyon"))
                .body("attributes.interests", contains("sf", "history"))
                .body("attributes.vip", equalTo(true))
                .body("attributes", hasKey("note"))
                .body("user_features", contains(0.5f, -1.25f, 3.0f))
                .body("version", equalTo(1))
                .body("updated_region", equalTo("us-west-2"))
                .body("updated_at", startsWith("20"));

        given().contentType(ContentType.JSON).body("{\"user_name\": \"Alice Renamed\"}")
                .when().put("/v1/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("attributes.size()", equalTo(0))
                .body("$", not(hasKey("user_features")));

        given().when().get("/v1/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("user_name", equalTo("Alice Renamed"))
                .body("version", equalTo(2))
                .body("$", not(hasKey("user_features")));
    }

    @Test
    void getReturnsEverythingStored() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        given().when().get("/v1/users/" + id)
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("user_id", equalTo(id))
                .body("attributes.email", equalTo("alice@example.com"))
                .body("attributes.score", equalTo(12.5f))
                .body("attributes.note", nullValue())
                .body("user_features", contains(0.5f, -1.25f, 3.0f))
                .body("updated_at", notNullValue());
    }

    @Test
    void absentProfileIsA404Problem() {
        given().when().get("/v1/users/" + TestProfiles.newId())
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not Found"))
                .body("detail", startsWith("no profile with id"));
    }

    @Test
    void deleteIsIdempotent() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        given().when().delete("/v1/users/" + id).then().statusCode(204);
        given().when().get("/v1/users/" + id).then().statusCode(404);
        given().when().delete("/v1/users/" + id).then().statusCode(204);
    }
}
