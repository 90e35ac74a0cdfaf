package com.example.profiles.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.codec.FeatureCodec;
import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestModels;
import com.example.profiles.support.TestProfiles;
import com.example.profiles.support.TestTokens;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /v1/models/{model}/users/import}: users' vectors in bulk, on existing profiles only, each line
 * checked against the model's dimension and event-time order, each replaced vector kept in the model's history;
 * the answer of the item import, rejected lines listed by number.
 */
@QuarkusTest
@ExtendWith(AllRolesToken.class)
class UserVectorImportTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String NDJSON = "application/x-ndjson";

    private static String line(String user, String eventTime, float... features) {
        Json.Obj line = Json.object().put("user_id", user).put("features", Json.numbers(features));
        if (eventTime != null) {
            line.put("event_time", eventTime);
        }
        return line.toString();
    }

    private static List<String> profiles(int n) {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = TestProfiles.newId();
            given().contentType(ContentType.JSON).body("{\"user_name\": \"u" + i + "\"}").put("/v1/users/" + user)
                    .then().statusCode(201);
            users.add(user);
        }
        return users;
    }

    private static JsonPath importLines(String model, List<String> lines) {
        return given().contentType(NDJSON).body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .post("/v1/models/" + model + "/users/import")
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
    }

    private static float[] stored(EngineTables tables, String user, String model) {
        AttributeValue value = tables.item("UserProfiles", "user_id", user).get("user_features:" + model);
        return value == null ? null : FeatureCodec.decode(value.b().asByteArray());
    }

    @Test
    void validLinesAreWrittenAndTheOthersRejectedByLineNumber() {
        String model = TestModels.define(4);
        List<String> users = profiles(56);
        String nobody = TestProfiles.newId();
        // users.get(1) has a vector before the import: the import replaces it and keeps its history
        given().contentType(ContentType.JSON).body("{\"features\": [9, 9, 9, 9], \"event_time\": \"2020-01-01T00:00:00Z\"}")
                .put("/v1/models/" + model + "/users/" + users.get(1) + "/features").then().statusCode(201);

        List<String> lines = new ArrayList<>();
        lines.add(line(users.get(0), null, 1, 0, 0, 0));                                   // 1
        lines.add("{\"user_id\": \"" + users.get(2) + "\", \"features\": [1, 2");          // 2: malformed
        lines.add(line(users.get(2), null, 1, 2, 3));                                      // 3: 3 dimensions
        lines.add(line(nobody, null, 1, 2, 3, 4));                                         // 4: no profile
        lines.add("");                                                                     // 5: blank
        lines.add("{\"user_id\": \"" + users.get(2) + "\", \"features\": [1, 2, 3, 4], \"x\": 1}"); // 6: unknown field
        for (int i = 1; i <= 53; i++) {                                                    // 7..59
            lines.add(line(users.get(i), "2026-02-01T00:00:00Z", i, 1, 1, 1));
        }
        lines.add(line(users.get(0), null, 2, 0, 0, 0));                                   // 60: the later line wins
        lines.add(line(users.get(3), "2026-01-01T00:00:00Z", 5, 5, 5, 5));                 // 61: stale
        lines.add(line("bad id", null, 1, 2, 3, 4));                                       // 62: bad id

        JsonPath answer = importLines(model, lines);
        assertThat(answer.getLong("imported")).isEqualTo(55);
        List<Map<String, Object>> rejected = answer.getList("rejected");
        assertThat(rejected).extracting(r -> r.get("line")).containsExactly(2, 3, 4, 6, 61, 62);
        assertThat(answer.getLong("rejected_count")).isEqualTo(6);
        assertThat((String) rejected.get(1).get("detail")).isEqualTo("features has 3 dimensions; model " + model + " has 4");
        assertThat((String) rejected.get(2).get("detail")).contains("no profile with id " + nobody);
        assertThat((String) rejected.get(4).get("detail")).contains("stale write");

        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(stored(tables, users.get(0), model)).containsExactly(2, 0, 0, 0);
            for (int i = 1; i <= 53; i++) {
                assertThat(stored(tables, users.get(i), model)).as("user %d", i).containsExactly(i, 1, 1, 1);
            }
            assertThat(stored(tables, users.get(54), model)).isNull();
            assertThat(tables.exists("UserProfiles", "user_id", nobody)).as("no profile is created").isFalse();
            List<Map<String, AttributeValue>> history = tables.partition("UserFeatureHistory", "user_id", users.get(1));
            assertThat(history).hasSize(1);
            assertThat(history.get(0).get("valid_from").s()).isEqualTo("@" + model + "#2020-01-01T00:00:00.000Z");
            assertThat(history.get(0).get("valid_to").s()).isEqualTo("2026-02-01T00:00:00.000Z");
            assertThat(FeatureCodec.decode(history.get(0).get("user_features").b().asByteArray())).containsExactly(9, 9, 9, 9);
            // user 0 was written twice: its first vector of the import has its history row too
            assertThat(tables.partition("UserFeatureHistory", "user_id", users.get(0))).hasSize(1);
        }

        // the same input again: the ordered lines are already stored (counted, not rewritten), the stale one stays stale
        JsonPath again = importLines(model, lines);
        assertThat(again.getList("rejected", Map.class)).extracting(r -> r.get("line")).containsExactly(2, 3, 4, 6, 61, 62);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.partition("UserFeatureHistory", "user_id", users.get(5))).isEmpty();
        }
    }

    @Test
    void theModelIsCheckedBeforeTheBodyIsRead() {
        String user = profiles(1).get(0);
        byte[] body = line(user, null, 1, 2).getBytes(StandardCharsets.UTF_8);
        given().contentType(NDJSON).body(body).post("/v1/models/no-such-model/users/import")
                .then().statusCode(404).contentType("application/problem+json");
        given().contentType(NDJSON).body(body).post("/v1/models/Bad_Name/users/import")
                .then().statusCode(400).contentType("application/problem+json");
        String model = TestModels.define(2);
        given().contentType(ContentType.JSON).body(body).post("/v1/models/" + model + "/users/import")
                .then().statusCode(415).contentType("application/problem+json");
        RequestSpecification allRoles = RestAssured.requestSpecification;
        RestAssured.requestSpecification = null;
        given().header("Authorization", TestTokens.bearer(TestTokens.withRoles("models:read", "profiles:write")))
                .contentType(NDJSON).body(body).post("/v1/models/" + model + "/users/import")
                .then().statusCode(403).contentType("application/problem+json");
        RestAssured.requestSpecification = allRoles;
        TestModels.retire(model);
        given().contentType(NDJSON).body(body).post("/v1/models/" + model + "/users/import")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("retired"));
        given().queryParam("fields", "features").get("/v1/users/" + user).then().statusCode(200)
                .body("features", equalTo(Map.of()));
    }

    @Test
    void linesRacingOtherWritesOfTheirProfilesAreDecidedAgainOnTheNewRow() throws Exception {
        String model = TestModels.define(2);
        List<String> users = profiles(20);
        List<String> lines = new ArrayList<>();
        Map<String, Integer> last = new HashMap<>();
        for (int round = 1; round <= 5; round++) {
            for (String user : users) {
                lines.add(line(user, "2026-01-0" + round + "T00:00:00Z", round, users.indexOf(user)));
                last.put(user, round);
            }
        }
        AtomicBoolean importing = new AtomicBoolean(true);
        AtomicInteger patches = new AtomicInteger();
        String token = TestTokens.bearer(TestTokens.allRoles());
        CompletableFuture<Void> racer = CompletableFuture.runAsync(() -> {
            int i = 0;
            while (importing.get()) {
                String user = users.get(i++ % users.size());
                given().header("Authorization", token).contentType("application/merge-patch+json")
                        .body("{\"attributes\": {\"n\": " + i + "}}").patch("/v1/users/" + user).then().statusCode(200);
                patches.incrementAndGet();
            }
        });
        JsonPath answer;
        try {
            answer = importLines(model, lines);
        } finally {
            importing.set(false);
            racer.get();
        }
        List<Map<String, Object>> rejected = answer.getList("rejected");
        assertThat(answer.getLong("imported") + answer.getLong("rejected_count")).isEqualTo(lines.size());
        assertThat(rejected).allSatisfy(r -> assertThat((String) r.get("detail")).contains("kept changing"));
        assertThat(patches.get()).isPositive();
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            for (String user : users) {
                float[] vector = stored(tables, user, model);
                int index = users.indexOf(user);
                int round = (int) vector[0];
                assertThat(vector[1]).isEqualTo(index);
                // every replaced vector of the user has its history row: one per imported line but the last
                long importedLines = lines.stream().filter(l -> l.contains(user)).count()
                        - rejected.stream().filter(r -> lines.get((Integer) r.get("line") - 1).contains(user)).count();
                assertThat(tables.partition("UserFeatureHistory", "user_id", user)).as(user).hasSize((int) importedLines - 1);
                if (rejected.isEmpty()) {
                    assertThat(round).isEqualTo(last.get(user));
                }
            }
        }
    }
}
