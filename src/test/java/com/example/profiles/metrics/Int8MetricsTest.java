package com.example.profiles.metrics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With an int8 catalog, recommendations record their candidate-set size and int8 scoring time. */
@QuarkusTest
@TestProfile(Int8MetricsTest.Int8Catalog.class)
@ExtendWith(AllRolesToken.class)
class Int8MetricsTest {

    public static class Int8Catalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.precision", "int8");
        }
    }

    @Test
    void candidatesAreRecorded() {
        String userId = "int8-user-" + System.nanoTime();
        MetricsTest.traffic(userId);
        given().get("/v1/catalog").then().statusCode(200);
        String metrics = MetricsTest.scrape();
        assertThat(MetricsTest.sample(metrics, "recommend_int8_candidates_count", "")).isPositive();
        assertThat(MetricsTest.sample(metrics, "recommend_scoring_seconds_count", "precision=\"int8\"")).isPositive();
    }
}
