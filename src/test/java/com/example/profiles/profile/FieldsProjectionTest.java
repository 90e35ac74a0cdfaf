package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class FieldsProjectionTest {

    @Test
    void returnsOnlyTheSelectedFieldsWithTheEtag() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        given().queryParam("fields", "user_name,attributes")
                .get("/v1/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"1\"")
                .body("$", aMapWithSize(3))
                .body("user_id", equalTo(id))
                .body("user_name", equalTo("Alice Example"))
                .body("attributes.address.city", equalTo("Lyon"));
        given().queryParam("fields", "user_features")
                .get("/v1/users/" + id)
                .then().statusCode(200)
                .body("$", aMapWithSize(2))
                .body("user_features[2]", equalTo(3.0f));
    }

    @Test
    void unknownFieldIs400AndAbsentIs404() {
        String id = TestProfiles.newId();
        given().queryParam("fields", "user_name,password").get("/v1/users/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("fields", "user_name").get("/v1/users/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
