package com.example.profiles.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** Single items: catalog items of the test run all have {@link TestCatalog#TestCatalog.DIMENSION} dimensions. */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class ItemApiTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** REST Assured learns the test port only per test, hence not a @BeforeAll. */
    @BeforeEach
    void anchor() {
        TestCatalog.ensureDimension();
    }

    @Test
    void putCreatesReplacesAndGetReadsBack() {
        String id = "item-" + System.nanoTime();
        given().contentType(ContentType.JSON)
                .body("""
                        {"title": "The Hobbit", "authors": ["J.R.R. Tolkien"], "attributes": {"year": 1937},
                         "embedding": [1, 0, 0, 0, 0, 0, 0.5, 0]}""")
                .put("/v1/items/" + id)
                .then().statusCode(201)
                .body("item_id", equalTo(id))
                .body("authors", contains("J.R.R. Tolkien"));
        given().contentType(ContentType.JSON)
                .body("{\"title\": \"The Hobbit (2nd ed.)\", \"embedding\": [1, 0, 0, 0, 0, 0, 0.25, 0]}")
                .put("/v1/items/" + id)
                .then().statusCode(200);
        given().get("/v1/items/" + id).then().statusCode(200)
                .body("title", equalTo("The Hobbit (2nd ed.)"))
                .body("embedding", contains(1f, 0f, 0f, 0f, 0f, 0f, 0.25f, 0f));
    }

    @Test
    void embeddingOfAnotherDimensionIs422AndNotStored() {
        String id = "item-" + System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"title\": \"x\", \"embedding\": [1, 2, 3]}")
                .put("/v1/items/" + id)
                .then().statusCode(422).contentType("application/problem+json");
        given().get("/v1/items/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void badItemsAre400() {
        // An item without an embedding is valid (its stored vectors stay): ModelItemVectorsTest.
        for (String body : new String[] { "{\"embedding\": [1,2,3,4,5,6,7,8]}", "{\"title\": \"x\", \"embedding\": null}",
                "{\"title\": \"x\", \"embedding\": [1,2,3,4,5,6,7,\"8\"]}", "{\"title\": \"x\", \"embedding\": [1,2,3,4,5,6,7,1e39]}",
                "{\"title\": \"x\", \"embedding\": [1,2,3,4,5,6,7,8], \"price\": 3}", "{\"title\": \"x\", \"embedding\": [1,2,3,4,5,6,7,8], \"authors\": \"me\"}" }) {
            given().contentType(ContentType.JSON).body(body).put("/v1/items/item-bad")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/v1/items/item-bad").then().statusCode(404);
    }
}
