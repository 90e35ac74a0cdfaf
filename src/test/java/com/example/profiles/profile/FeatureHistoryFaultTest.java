package com.example.profiles.profile;

import static io.restassured.RestAssured.given;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A write that replaces a feature vector and cannot record the replaced vector's validity (here: the
 * history table is gone) changes nothing, so that its retry still knows the replaced vector and records
 * its whole range: point-in-time training rows never get a later vector for lack of a history row.
 */
@QuarkusTest
@TestProfile(FeatureHistoryFaultTest.OwnHistoryTable.class)
@ExtendWith(AllRolesToken.class)
class FeatureHistoryFaultTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    /** A history table of its own: the test takes it away. */
    public static class OwnHistoryTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("feature-history.table", "FaultHistory" + System.nanoTime());
        }
    }

    private static final String PROFILES = "UserProfiles";

    @Test
    void aPutThatCannotRecordTheReplacedVectorChangesNothingAndItsRetryRecordsTheWholeRange() throws Exception {
        assertNoRangeIsLost(user -> given().contentType(ContentType.JSON)
                .body("{\"user_name\": \"u\", \"user_features\": [2, 0, 0]}").put("/v1/users/" + user));
    }

    @Test
    void aPatchThatCannotRecordTheReplacedVectorChangesNothingAndItsRetryRecordsTheWholeRange() throws Exception {
        assertNoRangeIsLost(user -> given().contentType("application/merge-patch+json")
                .body("{\"user_features\": [2, 0, 0]}").patch("/v1/users/" + user));
    }

    private static void assertNoRangeIsLost(Function<String, Response> replaceVector) throws Exception {
        String history = ConfigProvider.getConfig().getValue("feature-history.table", String.class);
        String user = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"u\", \"user_features\": [1, 0, 0]}")
                .put("/v1/users/" + user).then().statusCode(201);
        SoftAssertions softly = new SoftAssertions();
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            Map<String, AttributeValue> first = tables.item(PROFILES, "user_id", user);
            String firstSince = first.get("features_since").s();
            Thread.sleep(5);

            tables.drop(history);
            try {
                Response failed = replaceVector.apply(user);
                softly.assertThat(failed.statusCode()).as("a write that cannot record the replaced vector").isEqualTo(503);
                softly.assertThat(failed.contentType()).startsWith("application/problem+json");
                softly.assertThat(tables.item(PROFILES, "user_id", user)).as("the profile after the failed write")
                        .isEqualTo(first);
            } finally {
                tables.create(FeatureHistoryStore.table(history).createRequest(false));
            }

            replaceVector.apply(user).then().statusCode(200);
            String secondSince = tables.item(PROFILES, "user_id", user).get("features_since").s();
            List<Map<String, AttributeValue>> rows = tables.partition(history, "user_id", user);
            softly.assertThat(rows).as("history rows").hasSize(1);
            if (!rows.isEmpty()) {
                Map<String, AttributeValue> row = rows.get(0);
                softly.assertThat(vector(row.get("user_features"))).as("the replaced vector").containsExactly(1f, 0f, 0f);
                softly.assertThat(row.get("valid_from").s()).as("valid from the first write").isEqualTo(firstSince);
                softly.assertThat(row.get("valid_to").s()).as("valid until the retried write").isEqualTo(secondSince);
            }
        }
        softly.assertAll();
    }

    /** Little-endian float32, decoded here rather than by the code under test. */
    private static float[] vector(AttributeValue value) {
        FloatBuffer floats = ByteBuffer.wrap(value.b().asByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] out = new float[floats.remaining()];
        floats.get(out);
        return out;
    }
}
