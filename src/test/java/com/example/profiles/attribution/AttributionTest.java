package com.example.profiles.attribution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;
import com.example.profiles.support.TestProfiles;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The attribution rules one by one, through the API against the real engine: a valid id attributes the event to
 * the answer's model, arm, strategy and position (stored with the event, counted once, also when retried); an
 * item the answer did not show is off_page; a forged or altered id, another user's, one outside the window and
 * one signed with a key no longer listed are ignored with the reason, and the event is applied all the same.
 */
@QuarkusTest
@TestProfile(AttributionTest.OwnTables.class)
@ExtendWith(AllRolesToken.class)
class AttributionTest {

    static final String ITEMS = "AttrItems";
    static final String PROFILES = "AttrProfiles";
    static final String EVENTS = "AttrEvents";
    static final String COUNTERS = "AttrCounters";
    private static boolean seeded;

    public static class OwnTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", ITEMS, "profiles.table", PROFILES, "events.table", EVENTS,
                    "recommend.attribution.table", COUNTERS, "recommend.attribution.flush-interval", "1h",
                    "recommend.catalog.refresh", "1h");
        }
    }

    @Inject
    ServedCounts served;

    @BeforeEach
    void catalog() {
        if (!seeded) {
            new ExperimentFixture(io.restassured.RestAssured::given).items(30, List.of(), new SplittableRandom(1));
            given().post("/v1/catalog/reload").then().statusCode(200);
            seeded = true;
        }
    }

    private static String user() {
        String id = TestProfiles.newId();
        given().contentType(ContentType.JSON).body(Json.object().put("user_name", "Reader")
                .put("user_features", Json.numbers(0.3f, -0.2f, 0.9f, 0.1f)).toString())
                .put("/v1/users/" + id).then().statusCode(201);
        return id;
    }

    private static JsonPath answer(String user, String query) {
        return given().get("/v1/users/" + user + "/recommendations?" + query).then().statusCode(200)
                .extract().jsonPath();
    }

    private static Json.Obj event(String id, String type, String item, String recommendationId) {
        Json.Obj e = Json.object().put("event_id", id).put("type", type).put("item_id", item);
        return recommendationId == null ? e : e.put("recommendation_id", recommendationId);
    }

    private static JsonPath post(String user, Json.Obj... events) {
        return given().contentType(ContentType.JSON).body(Json.object().put("events", Json.array((Object[]) events)).toString())
                .post("/v1/users/" + user + "/events").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> stored(String user, String eventId) {
        List<Map<String, Object>> events = given().get("/v1/users/" + user + "/events?limit=500").then().statusCode(200)
                .extract().jsonPath().getList("events");
        return events.stream().filter(e -> eventId.equals(e.get("event_id"))).findFirst()
                .orElseThrow(() -> new AssertionError("event " + eventId + " is not stored"));
    }

    /** The default arm of the report, after this pod's served counts were flushed. */
    private JsonPath report() {
        served.flush().await().indefinitely();
        return given().get("/v1/models/report").then().statusCode(200).extract().jsonPath();
    }

    private static long count(JsonPath report, String field) {
        Number n = report.get("arms.find { it.model == 'default' }." + field);
        return n == null ? 0 : n.longValue();
    }

    /** Answers with at least one attributed event of the rate's type: rate x served, rounded. */
    private static long answersWith(JsonPath report, String rate) {
        Number r = report.get("arms.find { it.model == 'default' }." + rate + ".rate");
        return r == null ? 0 : Math.round(r.doubleValue() * count(report, "served"));
    }

    /** An id signed here with the listed test keys (or another), for answers the service never served. */
    private static AnswerToken tokens(String... keyIds) {
        List<String> configured = Arrays.asList(ConfigProvider.getConfig()
                .getValue("recommend.attribution.keys", String.class).split(","));
        List<String> keys = Arrays.stream(keyIds).map(id -> configured.stream().filter(k -> k.startsWith(id + ":"))
                .findFirst().orElse(id + ":" + Base64.getEncoder().encodeToString(("a key of nobody, " + id
                        + " ..............").getBytes()))).toList();
        return new AnswerToken(SigningKeys.parse(keys));
    }

    @Test
    void aValidIdAttributesTheEventToTheAnswersModelArmStrategyAndPositionOnce() {
        JsonPath before = report();
        String user = user();
        JsonPath answer = answer(user, "k=5&offset=2");
        String id = answer.getString("recommendation_id");
        assertThat(id).matches("[A-Za-z0-9_-]{100,200}");
        String item = answer.getString("items[3].item_id");

        JsonPath results = post(user, event("buy-1", "purchase", item, id).put("position", 6).put("value", 12.5));
        assertThat(results.getString("results[0].status")).isEqualTo("applied");
        assertThat(results.getString("results[0].attribution")).isEqualTo("attributed");
        assertThat(results.getString("results[0].detail")).isNull();
        Map<String, Object> event = stored(user, "buy-1");
        assertThat(event).containsEntry("recommendation_id", id).containsEntry("attribution", "attributed");
        assertThat(event.get("attributed_to")).isEqualTo(Map.of("model", "default", "arm", "default",
                "strategy", "vector", "position", 6));

        // a retry changes nothing and is counted once; the duplicate says how the first was attributed
        JsonPath retry = post(user, event("buy-1", "purchase", item, id).put("position", 6).put("value", 12.5));
        assertThat(retry.getString("results[0].status")).isEqualTo("duplicate");
        assertThat(retry.getString("results[0].attribution")).isEqualTo("attributed");

        // a position the answer did not show the item at is corrected, not believed
        JsonPath moved = post(user, event("view-1", "view", item, id).put("position", 1),
                event("view-2", "view", item, id));
        assertThat(moved.getString("results[0].attribution")).isEqualTo("attributed");
        assertThat(moved.getString("results[0].detail")).contains("at position 6, not 1");
        assertThat(stored(user, "view-1").get("attributed_to")).isEqualTo(Map.of("model", "default", "arm", "default",
                "strategy", "vector", "position", 6));

        JsonPath after = report();
        assertThat(count(after, "served") - count(before, "served")).isEqualTo(1);
        assertThat(count(after, "purchases") - count(before, "purchases")).as("purchases counted once").isEqualTo(1);
        assertThat(count(after, "views") - count(before, "views")).isEqualTo(2);
        assertThat(answersWith(after, "click_through") - answersWith(before, "click_through"))
                .as("two views of one answer: one answer clicked").isEqualTo(1);
        assertThat(answersWith(after, "conversion") - answersWith(before, "conversion")).isEqualTo(1);
        assertThat(after.getDouble("arms.find { it.model == 'default' }.revenue")
                - before.getDouble("arms.find { it.model == 'default' }.revenue")).isEqualTo(12.5);

        // the counter item in the store: the purchase's value and its square
        try (EngineTables engine = EngineTables.ofTestEngine()) {
            List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> rows = new java.util.ArrayList<>();
            for (int shard = 0; shard < CounterTable.SHARDS; shard++) {
                rows.addAll(engine.partition(COUNTERS, CounterTable.BUCKET,
                        CounterTable.bucket(Instant.now().getEpochSecond() / 3600, shard)));
            }
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.get(CounterTable.COUNTER).s()).contains("#us-west-2#event#default#default#vector#purchase");
                assertThat(row.get(CounterTable.VALUE_SQUARES)).isNotNull();
            });
        }
    }

    @Test
    void anItemTheAnswerDidNotShowIsStoredOffPageAndNotCounted() {
        JsonPath before = report();
        String user = user();
        JsonPath answer = answer(user, "k=3");
        List<String> shown = answer.getList("items.item_id");
        String other = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "item-" + i)
                .filter(i -> !shown.contains(i)).findFirst().orElseThrow();
        JsonPath results = post(user, event("off-1", "purchase", other, answer.getString("recommendation_id")));
        assertThat(results.getString("results[0].status")).isEqualTo("applied");
        assertThat(results.getString("results[0].attribution")).isEqualTo("off_page");
        assertThat(results.getString("results[0].detail")).contains(other).contains("positions 1..3");
        Map<String, Object> event = stored(user, "off-1");
        assertThat(event).containsEntry("attribution", "off_page");
        assertThat(event.get("attributed_to")).isEqualTo(Map.of("model", "default", "arm", "default", "strategy", "vector"));
        JsonPath after = report();
        assertThat(count(after, "purchases")).isEqualTo(count(before, "purchases"));
    }

    @Test
    void forgedAlteredAndOtherUsersIdsAreIgnoredWithTheReasonAndTheEventIsStillApplied() {
        JsonPath before = report();
        String alice = user();
        String bob = user();
        JsonPath answer = answer(alice, "k=5");
        String id = answer.getString("recommendation_id");
        String item = answer.getString("items[0].item_id");
        char[] chars = id.toCharArray();
        chars[chars.length / 2] = chars[chars.length / 2] == 'A' ? 'B' : 'A';
        String altered = new String(chars);

        JsonPath results = post(alice, event("e-altered", "purchase", item, altered),
                event("e-garbage", "view", item, "not-an-id!"));
        assertThat(results.getList("results.status")).containsExactly("applied", "applied");
        assertThat(results.getList("results.attribution")).containsExactly("ignored", "ignored");
        assertThat(results.getString("results[0].detail")).contains("altered or forged");
        assertThat(results.getString("results[1].detail")).contains("not a recommendation_id");

        JsonPath foreign = post(bob, event("e-foreign", "purchase", item, id));
        assertThat(foreign.getString("results[0].status")).isEqualTo("applied");
        assertThat(foreign.getString("results[0].attribution")).isEqualTo("ignored");
        assertThat(foreign.getString("results[0].detail")).contains("another user");

        // applied: stored, in the user's summary (the purchase is excluded as seen), not attributed
        assertThat(stored(alice, "e-altered")).containsEntry("attribution", "ignored").doesNotContainKey("attributed_to");
        assertThat(stored(bob, "e-foreign")).containsEntry("attribution", "ignored");
        assertThat(answer(bob, "k=30&exclude=seen").getList("items.item_id")).doesNotContain(item);
        JsonPath after = report();
        assertThat(count(after, "purchases")).isEqualTo(count(before, "purchases"));
        assertThat(count(after, "views")).isEqualTo(count(before, "views"));
    }

    @Test
    void anIdOutsideItsWindowIsIgnored() {
        String user = user();
        JsonPath answer = answer(user, "k=5");
        String item = answer.getString("items[0].item_id");
        // an event that occurred an hour before the answer was served
        JsonPath early = post(user, event("e-early", "view", item, answer.getString("recommendation_id"))
                .put("occurred_at", Instant.now().minus(1, ChronoUnit.HOURS).toString()));
        assertThat(early.getString("results[0].attribution")).isEqualTo("ignored");
        assertThat(early.getString("results[0].detail")).contains("before its answer was served");
        // an answer served 25 hours ago (signed here with the service's own key): the 24 h window has passed
        String old = tokens("test-2").issue(new Answer(Answer.About.USER, user, "default", "default", "vector", "v",
                Instant.now().minus(25, ChronoUnit.HOURS).getEpochSecond(), 0, List.of(item)));
        JsonPath late = post(user, event("e-late", "view", item, old));
        assertThat(late.getString("results[0].status")).isEqualTo("applied");
        assertThat(late.getString("results[0].attribution")).isEqualTo("ignored");
        assertThat(late.getString("results[0].detail")).contains("outside the attribution window").contains("24h");
        assertThat(stored(user, "e-late")).containsEntry("attribution", "ignored");
    }

    @Test
    void theRotationsPreviousKeyStillVerifiesAndAKeyNoLongerListedIsIgnored() {
        String user = user();
        String item = answer(user, "k=5").getString("items[2].item_id");
        Answer served = new Answer(Answer.About.USER, user, "default", "default", "vector", "v",
                Instant.now().getEpochSecond(), 0, List.of("item-x", "item-y", item));
        JsonPath previous = post(user, event("e-previous", "view", item, tokens("test-1").issue(served)));
        assertThat(previous.getString("results[0].attribution")).isEqualTo("attributed");
        assertThat(stored(user, "e-previous").get("attributed_to")).isEqualTo(Map.of("model", "default", "arm", "default",
                "strategy", "vector", "position", 3));
        JsonPath gone = post(user, event("e-gone", "view", item, tokens("test-0").issue(served)));
        assertThat(gone.getString("results[0].status")).isEqualTo("applied");
        assertThat(gone.getString("results[0].attribution")).isEqualTo("ignored");
        assertThat(gone.getString("results[0].detail")).contains("key 'test-0'").contains("rotated out");
    }

    @Test
    void similarItemsIdsAndModelRequestsAreAttributedToo() {
        String user = user();
        JsonPath similar = given().get("/v1/items/item-3/similar?k=4").then().statusCode(200).extract().jsonPath();
        String item = similar.getString("items[1].item_id");
        JsonPath results = post(user, event("e-similar", "cart", item, similar.getString("recommendation_id")));
        assertThat(results.getString("results[0].attribution")).isEqualTo("attributed");
        assertThat(stored(user, "e-similar").get("attributed_to")).isEqualTo(Map.of("model", "default", "arm", "default",
                "strategy", "vector", "position", 2));
        JsonPath chosen = answer(user, "k=2&model=default");
        assertThat(chosen.getString("model.assigned")).isEqualTo("default");
        assertThat(post(user, event("e-chosen", "view", chosen.getString("items[0].item_id"),
                chosen.getString("recommendation_id"))).getString("results[0].attribution")).isEqualTo("attributed");
    }

    @Test
    void eventsWithoutAnIdAreAnsweredAsBeforeAndBadPositionsAre400() {
        String user = user();
        JsonPath plain = post(user, event("e-plain", "view", "item-1", null));
        assertThat(plain.getString("results[0].status")).isEqualTo("applied");
        assertThat(plain.getMap("results[0]")).doesNotContainKey("attribution");
        for (String bad : List.of("0", "1001", "2.5", "\"3\"", "-1")) {
            given().contentType(ContentType.JSON).body("{\"events\": [{\"event_id\": \"b\", \"type\": \"view\","
                    + " \"item_id\": \"item-1\", \"recommendation_id\": \"x\", \"position\": " + bad + "}]}")
                    .post("/v1/users/" + user + "/events").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("position"));
        }
        given().contentType(ContentType.JSON).body("{\"events\": [{\"event_id\": \"b\", \"type\": \"view\","
                + " \"item_id\": \"item-1\", \"position\": 2}]}")
                .post("/v1/users/" + user + "/events").then().statusCode(400)
                .body("detail", containsString("needs the recommendation_id"));
        given().contentType(ContentType.JSON).body("{\"events\": [{\"event_id\": \"b\", \"type\": \"view\","
                + " \"item_id\": \"item-1\", \"recommendation_id\": 17}]}")
                .post("/v1/users/" + user + "/events").then().statusCode(400)
                .body("detail", containsString("recommendation_id must be a string"));
    }

    /** The report takes whole hours: a window that is not one is a 400 problem naming what is wrong. */
    @Test
    void aReportWindowThatIsNotOneIsA400ProblemNamingIt() {
        Map<String, String> bad = Map.of(
                "since=yesterday", "since must be an RFC 3339 date-time",
                "until=2026-13-01T00:00:00Z", "until must be an RFC 3339 date-time",
                "since=2026-05-02T10:00:00Z&until=2026-05-02T09:30:00Z", "since must lie before until",
                "since=2026-05-02T10:00:00Z&until=2026-05-02T10:00:00Z", "since must lie before until",
                "since=2026-01-01T00:00:00Z&until=2026-05-01T00:00:00Z", "more than 92 days");
        bad.forEach((query, detail) -> given().get("/v1/models/report?" + query).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(detail)));
        // twenty minutes within one hour are that whole hour
        given().get("/v1/models/report?since=2026-05-02T10:20:00Z&until=2026-05-02T10:40:00Z").then().statusCode(200)
                .body("since", equalTo("2026-05-02T10:00:00Z")).body("until", equalTo("2026-05-02T11:00:00Z"));
    }
}
