package com.example.profiles.recommend;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestCatalog;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Items of this class point along the last axis, which no other test's items use, with weights
 * far above theirs: the top of every ranking here is known exactly.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class RecommendationTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String P = "rec-";

    private static void item(String id, String title, double... embedding) {
        given().contentType(ContentType.JSON)
                .body(Json.object().put("title", title).put("embedding", embedding).toString())
                .put("/v1/items/" + P + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static void user(String id, float[] features, Json.Obj attributes) {
        given().contentType(ContentType.JSON)
                .body(features == null
                        ? Json.object().put("user_name", "Reader").put("attributes", attributes).toString()
                        : Json.object().put("user_name", "Reader").put("attributes", attributes)
                                .put("user_features", features).toString())
                .put("/v1/users/" + id).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
    }

    private static boolean seeded;

    @BeforeEach
    void catalog() {
        if (seeded) {
            return;
        }
        seeded = true;
        TestCatalog.ensureDimension();
        item("a", "Alpha", 0, 0, 0, 0, 0, 0, 0, 900);
        item("b", "Bravo", 0, 0, 0, 0, 0, 0, 0, 1000);
        item("c", "Charlie", 0, 0, 0, 0, 0, 0, 0, 800);
        // Same score as Bravo: ties go to the smaller item_id, so b2 follows b.
        item("b2", "Bravo twin", 0, 0, 0, 0, 0, 0, 0, 1000);
        // Long but slanted: best by dot product, not by cosine.
        item("d", "Delta", 5000, 0, 0, 0, 0, 0, 0, 1200);
        for (int i = 0; i < 10; i++) {
            item("filler-" + i, "Filler " + i, 0, 0, 0, 0, 0, 0, i, 1);
        }
        user("rec-reader", new float[] {0, 0, 0, 0, 0, 0, 0, 1},
                Json.object().put("purchased", Json.array("rec-b", "unknown-item")));
        user("rec-nofeatures", null, Json.object());
        user("rec-wrongdim", new float[] {1, 2, 3}, Json.object());
        given().post("/v1/catalog/reload").then().statusCode(200);
    }

    @Test
    void dotProductRanksByScoreThenItemId() {
        JsonPath answer = given().queryParam("k", 5).get("/v1/users/rec-reader/recommendations")
                .then().statusCode(200).extract().jsonPath();
        assertThat(answer.getList("items.item_id", String.class))
                .containsExactly("rec-d", "rec-b", "rec-b2", "rec-a", "rec-c");
        assertThat(answer.getList("items.score", Float.class)).containsExactly(1200f, 1000f, 1000f, 900f, 800f);
        assertThat(answer.getString("items[1].title")).isEqualTo("Bravo");
        assertThat(answer.getString("user_id")).isEqualTo("rec-reader");
        assertThat(answer.getInt("model.dimension")).isEqualTo(TestCatalog.DIMENSION);
        assertThat(answer.getString("model.metric")).isEqualTo("dot");
        assertThat(answer.getString("model.kernel")).isNotBlank();
        assertThat(answer.getString("model.precision")).isEqualTo("float32");
        assertThat(answer.getString("model.catalog_version")).isNotBlank();
    }

    @Test
    void cosineIgnoresLength() {
        List<String> ids = given().queryParam("k", 4).queryParam("metric", "cosine")
                .get("/v1/users/rec-reader/recommendations")
                .then().statusCode(200)
                .body("model.metric", equalTo("cosine"))
                .body("items[0].score", equalTo(1.0f))
                .extract().jsonPath().getList("items.item_id", String.class);
        // a, b, b2 and c all point exactly along the user's axis: cosine 1, ordered by id.
        assertThat(ids).containsExactly("rec-a", "rec-b", "rec-b2", "rec-c");
    }

    @Test
    void excludeSeenDropsPurchasedItems() {
        given().queryParam("k", 3).queryParam("exclude", "seen").get("/v1/users/rec-reader/recommendations")
                .then().statusCode(200)
                .body("items.item_id", not(hasItem("rec-b")))
                .body("items[0].item_id", equalTo("rec-d"))
                .body("items[1].item_id", equalTo("rec-b2"))
                .body("items.size()", equalTo(3));
    }

    @Test
    void defaultKIsTen() {
        given().get("/v1/users/rec-reader/recommendations").then().statusCode(200).body("items.size()", equalTo(10));
    }

    @Test
    void errorsAreProblems() {
        given().get("/v1/users/rec-nobody/recommendations").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/users/rec-nofeatures/recommendations").then().statusCode(409).contentType("application/problem+json");
        given().get("/v1/users/rec-wrongdim/recommendations").then().statusCode(422).contentType("application/problem+json");
        for (String k : List.of("0", "1001", "-3", "ten", "2.5")) {
            given().queryParam("k", k).get("/v1/users/rec-reader/recommendations")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().queryParam("metric", "euclid").get("/v1/users/rec-reader/recommendations")
                .then().statusCode(400).contentType("application/problem+json");
        given().queryParam("exclude", "all").get("/v1/users/rec-reader/recommendations")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void readinessShowsTheCatalogAndKernel() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'catalog' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'catalog' }.data.dimension", equalTo(TestCatalog.DIMENSION))
                .body("checks.find { it.name == 'catalog' }.data.kernel", org.hamcrest.Matchers.notNullValue())
                .body("checks.find { it.name == 'catalog' }.data.catalog_version", org.hamcrest.Matchers.notNullValue());
    }
}
