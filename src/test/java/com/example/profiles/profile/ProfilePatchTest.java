package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

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
class ProfilePatchTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String MERGE_PATCH = "application/merge-patch+json";

    private static String created() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(TestProfiles.ALICE).put("/v1/users/" + id).then().statusCode(201);
        return id;
    }

    @Test
    void mergesNestedAttributesAndRemovesNulls() {
        String id = created();
        given().contentType(MERGE_PATCH)
                .body("""
                        {"attributes": {"address": {"city": "Paris", "zip": null, "street": "Rue X"},
                                        "email": null, "interests": ["poetry"], "new": {"deep": {"er": 1}}}}""")
                .when().patch("/v1/users/" + id)
                .then().statusCode(200)
                .header("ETag", "\"2\"")
                .body("version", equalTo(2))
                .body("user_name", equalTo("Alice Example"))
                .body("attributes.address.city", equalTo("Paris"))
                .body("attributes.address.street", equalTo("Rue X"))
                .body("attributes.address", not(hasKey("zip")))
                .body("attributes", not(hasKey("email")))
                .body("attributes.interests", contains("poetry"))
                .body("attributes.new.deep.er", equalTo(1))
                .body("attributes.vip", equalTo(true))
                .body("user_features", contains(0.5f, -1.25f, 3.0f));

        given().get("/v1/users/" + id).then().statusCode(200)
                .body("attributes.address.city", equalTo("Paris"))
                .body("attributes.address.zip", equalTo(null))
                .body("attributes.new.deep.er", equalTo(1));
    }

    @Test
    void objectReplacesANonObjectValue() {
        String id = created();
        // "email" holds a string: a nested object replaces it, minus its null members.
        given().contentType(MERGE_PATCH)
                .body("{\"attributes\": {\"email\": {\"work\": \"a@example.com\", \"home\": null}}}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(200)
                .body("attributes.email.work", equalTo("a@example.com"))
                .body("attributes.email", not(hasKey("home")))
                .body("attributes.address.city", equalTo("Lyon"));
    }

    @Test
    void replacesNameAndFeaturesAndRemovesFeatures() {
        String id = created();
        given().contentType(MERGE_PATCH).body("{\"user_name\": \"Alice B\", \"user_features\": [1, 2]}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(200)
                .body("user_name", equalTo("Alice B"))
                .body("user_features", contains(1.0f, 2.0f));
        given().contentType(MERGE_PATCH).body("{\"user_features\": null, \"attributes\": null}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(200)
                .body("$", not(hasKey("user_features")))
                .body("attributes.size()", equalTo(0))
                .body("version", equalTo(3));
    }

    @Test
    void absentProfileIs404AndNotCreated() {
        String id = TestProfiles.newId();
        given().contentType(MERGE_PATCH).body("{\"user_name\": \"Ghost\"}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/users/" + id).then().statusCode(404);
    }

    @Test
    void ifMatchIsEnforced() {
        String id = created();
        given().contentType(MERGE_PATCH).header("If-Match", "\"7\"").body("{\"user_name\": \"X\"}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(412).contentType("application/problem+json").body("status", equalTo(412));
        given().contentType(MERGE_PATCH).header("If-Match", "\"1\"").body("{\"user_name\": \"X\"}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(200).header("ETag", "\"2\"");
        given().get("/v1/users/" + id).then().body("user_name", equalTo("X"));
    }

    @Test
    void plainJsonContentTypeIsRejected() {
        String id = created();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"X\"}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("application/merge-patch+json"))
                .body("detail", org.hamcrest.Matchers.containsString("application/json"));
        given().get("/v1/users/" + id).then().body("user_name", equalTo("Alice Example")).body("version", equalTo(1));
    }

    @Test
    void growingAnItemPastDynamoDbs400KbLimitIs413AndKeepsTheItem() {
        String id = created();
        String blob = "x".repeat(210_000);
        given().contentType(MERGE_PATCH).body(Json.object().put("attributes", Json.object().put("a", blob)).toString())
                .patch("/v1/users/" + id).then().statusCode(200);
        given().contentType(MERGE_PATCH).body(Json.object().put("attributes", Json.object().put("b", blob).put("c", 1)).toString())
                .patch("/v1/users/" + id)
                .then().statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("400 KB"));
        given().get("/v1/users/" + id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("attributes", not(hasKey("c")));
    }

    @Test
    void removingTheRequiredNameIsRejected() {
        String id = created();
        given().contentType(MERGE_PATCH).body("{\"user_name\": null}")
                .when().patch("/v1/users/" + id)
                .then().statusCode(422).contentType("application/problem+json");
        given().get("/v1/users/" + id).then().body("version", equalTo(1));
    }
}
