package com.example.profiles.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A pod whose item table is empty is ready, and its readiness says plainly that the catalog is empty. */
@QuarkusTest
@TestProfile(EmptyCatalogHealthTest.NoItems.class)
class EmptyCatalogHealthTest {

    public static class NoItems implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A table of its own that no other test writes to.
            return Map.of("recommend.items-table", "EmptyItems" + System.nanoTime(), "profiles.auth.enabled", "false");
        }
    }

    @Test
    void readinessNamesTheEmptyCatalogAndHowToFillIt() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.data.catalog_state", hasItem("empty"))
                .body("checks.data.catalog_hint", hasItem(containsString("RECOMMEND_DEMO_SEED=true")))
                .body("checks.data.items", hasItem(0))
                .body("checks.data.loaded_at", not(hasItem(containsString("1970"))));
    }
}
