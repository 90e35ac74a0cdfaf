package com.example.profiles.event;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@QuarkusTest
@ExtendWith(AllRolesToken.class)
class EventsTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static String user() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body("{\"user_name\": \"Reader\"}").put("/v1/users/" + id).then().statusCode(201);
        return id;
    }

    private static Json.Obj event(String id, String type, String item, String at) {
        Json.Obj e = Json.object().put("event_id", id).put("type", type).put("item_id", item);
        return at == null ? e : e.put("occurred_at", at);
    }

    private static io.restassured.response.ValidatableResponse post(String user, Json.Obj... events) {
        return given().contentType(ContentType.JSON).body(Json.object().put("events", Json.array((Object[]) events)).toString())
                .post("/v1/users/" + user + "/events").then();
    }

    private static List<Map<String, AttributeValue>> stored(String user) {
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            return tables.partition("UserEvents", "user_id", user);
        }
    }

    private static Map<String, AttributeValue> profile(String user) {
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            return tables.item("UserProfiles", "user_id", user);
        }
    }

    @Test
    void eventsOfAnUnknownUserAre404() {
        post("nobody-" + TestProfiles.newId(), event("e1", "view", "i1", null)).statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/users/nobody-x/events").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void eventsAreStoredOnceAndSummarized() {
        String user = user();
        post(user, event("p1", "purchase", "book-1", "2026-01-01T10:00:00Z"),
                event("v1", "view", "book-2", "2026-01-01T10:01:00Z"),
                event("r1", "rating", "book-1", "2026-01-01T10:02:00Z").put("value", 4.5))
                .statusCode(200)
                .body("results.event_id", equalTo(List.of("p1", "v1", "r1")))
                .body("results.status", equalTo(List.of("applied", "applied", "applied")));

        // The same events again, one with another time: nothing changes, each answers duplicate.
        Map<String, AttributeValue> before = profile(user);
        post(user, event("p1", "purchase", "book-1", "2026-01-01T10:00:00Z"),
                event("v1", "view", "book-2", "2026-02-01T10:01:00Z"))
                .statusCode(200)
                .body("results.status", equalTo(List.of("duplicate", "duplicate")));
        assertThat(profile(user)).isEqualTo(before);

        List<Map<String, AttributeValue>> items = stored(user);
        // three events and their three guards, nothing else
        assertThat(items).hasSize(6);
        assertThat(items.stream().filter(i -> i.containsKey("type")).map(i -> i.get("event_id").s()))
                .containsExactly("p1", "v1", "r1");
        Map<String, AttributeValue> p = profile(user);
        assertThat(p.get("purchased_items").m()).containsOnlyKeys("book-1");
        assertThat(p.get("recent_views").l()).hasSize(1);
        assertThat(p.get("event_counts").m()).containsOnlyKeys("purchase", "view", "rating");
        assertThat(p.get("events_seq").n()).isEqualTo("3");
        // events do not change the profile's version (its ETag)
        assertThat(p.get("version").n()).isEqualTo("1");

        post(user, event("ret1", "return", "book-1", null)).statusCode(200).body("results[0].status", equalTo("applied"));
        assertThat(profile(user).get("purchased_items").m()).isEmpty();
    }

    @Test
    void validEventsApplyBesideRejectedOnes() {
        String user = user();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        post(user, event("ok", "cart", "i1", null), event("bad-type", "like", "i1", null),
                event("future", "view", "i2", future), event("bad-time", "view", "i2", "yesterday"))
                .statusCode(200)
                .body("results.status", equalTo(List.of("applied", "rejected", "rejected", "rejected")))
                .body("results[0].detail", nullValue())
                .body("results[1].detail", containsString("type must be one of"))
                .body("results[2].detail", containsString("future"))
                .body("results[3].detail", containsString("RFC 3339"));
        assertThat(stored(user)).hasSize(2);
    }

    @Test
    void aRequestWithNothingStorableIsAProblemAndWritesNothing() {
        String user = user();
        Map<String, AttributeValue> before = profile(user);
        post(user, event("x", "like", "i1", null)).statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("type must be one of"));
        post(user, event("x", "view", "i1", null), event("x", "view", "i2", null)).statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("twice"));
        Json.Obj[] many = new Json.Obj[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = event("e" + i, "view", "i", null);
        }
        post(user, many).statusCode(400).body("detail", containsString("1..100"));
        post(user, event("v", "rating", "i1", null).put("value", new java.math.BigDecimal("1e200"))).statusCode(422);
        post(user, event("bad id!", "view", "i1", null)).statusCode(400);
        given().contentType(ContentType.JSON).body("{\"events\": []}").post("/v1/users/" + user + "/events").then().statusCode(400);
        assertThat(stored(user)).isEmpty();
        assertThat(profile(user)).isEqualTo(before);
    }

    @Test
    void historyPagesNewestFirstLikeABruteForceSort() {
        String user = user();
        Random random = new Random(7);
        List<String[]> all = new ArrayList<>();
        Instant base = Instant.parse("2025-06-01T00:00:00Z");
        String[] types = { "view", "cart", "purchase", "rating" };
        Json.Obj[] events = new Json.Obj[40];
        for (int i = 0; i < events.length; i++) {
            // a few equal times, so that the event id decides the order
            String at = base.plusSeconds(random.nextInt(20) * 60L).toString();
            String type = types[random.nextInt(types.length)];
            String id = "ev-" + (char) ('a' + random.nextInt(26)) + i;
            events[i] = event(id, type, "item-" + i, at);
            all.add(new String[] { com.example.profiles.event.EventSchema.time(Instant.parse(at)), id, type });
        }
        post(user, events).statusCode(200);
        Comparator<String[]> newestFirst = Comparator.<String[], String>comparing(e -> e[0]).thenComparing(e -> e[1]).reversed();

        for (String type : new String[] { null, "view" }) {
            Instant since = base.plusSeconds(3 * 60);
            Instant until = base.plusSeconds(15 * 60);
            List<String> expected = all.stream()
                    .filter(e -> type == null || e[2].equals(type))
                    .filter(e -> e[0].compareTo(com.example.profiles.event.EventSchema.time(since)) >= 0
                            && e[0].compareTo(com.example.profiles.event.EventSchema.time(until)) < 0)
                    .sorted(newestFirst).map(e -> e[1]).toList();
            List<String> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().queryParam("limit", 3).queryParam("since", since.toString()).queryParam("until", until.toString());
                if (type != null) {
                    request.queryParam("type", type);
                }
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get("/v1/users/" + user + "/events").then().statusCode(200).extract().jsonPath();
                List<String> ids = page.getList("events.event_id", String.class);
                assertThat(ids.size()).isLessThanOrEqualTo(3);
                paged.addAll(ids);
                cursor = page.getString("next");
                assertThat(++pages).isLessThan(50);
            } while (cursor != null);
            assertThat(paged).as("type " + type).isEqualTo(expected);
        }
        JsonPath first = given().queryParam("limit", 1).get("/v1/users/" + user + "/events").then().statusCode(200)
                .extract().jsonPath();
        assertThat(first.getString("events[0].user_id")).isEqualTo(user);
        assertThat(first.getString("events[0].event_id"))
                .isEqualTo(all.stream().sorted(newestFirst).findFirst().orElseThrow()[1]);
        given().queryParam("cursor", "not-a-cursor").get("/v1/users/" + user + "/events").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("since", "yesterday").get("/v1/users/" + user + "/events").then().statusCode(400);
        given().queryParam("type", "like").get("/v1/users/" + user + "/events").then().statusCode(400);
        given().queryParam("limit", 0).get("/v1/users/" + user + "/events").then().statusCode(400);
    }

    @Test
    void deletingTheProfileErasesItsEventsAndFeatureHistory() {
        String user = user();
        for (int v = 1; v <= 3; v++) {
            given().contentType(ContentType.JSON).body("{\"user_name\": \"Reader\", \"user_features\": [" + v + ", 0]}")
                    .put("/v1/users/" + user).then().statusCode(200);
        }
        Json.Obj[] events = new Json.Obj[100];
        for (int i = 0; i < events.length; i++) {
            events[i] = event("d" + i, "view", "i" + i, null);
        }
        post(user, events).statusCode(200);
        post(user, event("d-last", "purchase", "i1", null)).statusCode(200);
        assertThat(stored(user)).hasSize(202);
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.partition("UserFeatureHistory", "user_id", user)).hasSize(2);
        }
        given().delete("/v1/users/" + user).then().statusCode(204);
        assertThat(stored(user)).isEmpty();
        assertThat(profile(user)).isNull();
        try (EngineTables tables = EngineTables.ofTestEngine()) {
            assertThat(tables.partition("UserFeatureHistory", "user_id", user)).isEmpty();
        }
    }
}
