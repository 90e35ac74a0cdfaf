package com.example.profiles.support;

import static io.restassured.RestAssured.given;

import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;

/** Models the HTTP tests define: each test gets its own name, so tests sharing one engine never meet. */
public final class TestModels {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TestModels() {
    }

    /** Defines a fresh model of {@code dimension} and answers its name. */
    public static String define(int dimension) {
        return define(fresh(), dimension);
    }

    /** A name no model has yet. */
    public static String fresh() {
        return "m" + Long.toString(System.nanoTime(), 36) + "-" + COUNTER.incrementAndGet();
    }

    /** Defines the model {@code name} of {@code dimension}. */
    public static String define(String name, int dimension) {
        given().contentType(ContentType.JSON).body("{\"dimension\": " + dimension + "}")
                .put("/v1/models/" + name).then().statusCode(201);
        return name;
    }

    /** Retires a model without traffic. */
    public static void retire(String model) {
        given().delete("/v1/models/" + model).then().statusCode(200);
    }
}
