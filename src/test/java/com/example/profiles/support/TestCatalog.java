package com.example.profiles.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;

/** The test run's catalog: every item has {@link #DIMENSION} dimensions, as one catalog must. */
public final class TestCatalog {

    public static final int DIMENSION = 8;

    private static boolean anchored;

    private TestCatalog() {
    }

    /**
     * Writes one item of {@link #DIMENSION} and reloads, once per run, so that the loaded catalog knows its
     * dimension before a test writes items or asks for recommendations. Call it per test, not in a
     * {@code @BeforeAll}: REST Assured learns the test port only per test.
     */
    public static synchronized void ensureDimension() {
        if (anchored) {
            return;
        }
        anchored = true;
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", "anchor")
                        .put("embedding", Json.numbers(0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f, 0)).toString())
                .put("/v1/items/item-dimension-anchor").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        given().post("/v1/catalog/reload").then().statusCode(200).body("dimension", equalTo(DIMENSION));
    }
}
