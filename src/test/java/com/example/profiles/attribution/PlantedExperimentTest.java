package com.example.profiles.attribution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.stats.Reference;
import com.example.profiles.support.AllRolesToken;
import com.example.profiles.support.EngineTables;
import com.example.profiles.support.Json;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

/**
 * A known experiment played against the real engine as a shop would play it: two models split 50/50, users ask
 * for recommendations, and the test draws for each answer, with planted rates per arm (conversion 5% against
 * 6.5%, the same 12% click-through), whether the user views and buys a book the answer showed, posting the
 * events with the answer's id (100 per request). The report's counts, rates, intervals, lifts and p-values must
 * equal the reference this test computes from the same draws with formulas of its own (every answer's revenue
 * kept, the normal tail integrated numerically, the Wilson bounds found by bisection).
 */
@QuarkusTest
@TestProfile(PlantedExperimentTest.OwnTables.class)
@ExtendWith(AllRolesToken.class)
class PlantedExperimentTest {

    static final String ITEMS = "ExpItems";
    static final String PROFILES = "ExpProfiles";
    static final String CONTROL = "default";
    static final String TREATMENT = "books-b";
    static final int USERS = 200;
    static final int ANSWERS_PER_USER = 50;
    static final Map<String, Double> CONVERSION = Map.of(CONTROL, 0.05, TREATMENT, 0.065);
    static final double CLICK_THROUGH = 0.12;
    static final double TOLERANCE = 1e-9;

    public static class OwnTables implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", ITEMS, "profiles.table", PROFILES, "events.table", "ExpEvents",
                    "recommend.attribution.table", "ExpCounters", "recommend.attribution.flush-interval", "1h",
                    "recommend.catalog.refresh", "1h");
        }
    }

    @Inject
    ServedCounts served;

    /** One answer as the client got it. */
    record Served(String user, String arm, String id, List<String> items) {
    }

    /** What the test planted in one arm. */
    static final class Arm {
        long served;
        long views;
        long purchases;
        long viewed;
        long converted;
        List<BigDecimal> revenuePerAnswer = new ArrayList<>();
    }

    @Test
    void theReportEqualsTheReferenceOfTheDrawsAndFindsThePlantedLift() throws Exception {
        long started = System.nanoTime();
        SplittableRandom random = new SplittableRandom(2026);
        List<String> users = new ArrayList<>();
        try (EngineTables engine = EngineTables.ofTestEngine()) {
            ExperimentFixture fixture = new ExperimentFixture(RestAssured::given, engine, ITEMS, PROFILES);
            fixture.items(1, List.of(), random);
            fixture.define(TREATMENT);
            fixture.items(40, List.of(TREATMENT), random);
            for (int u = 0; u < USERS; u++) {
                users.add("exp-user-" + u);
                fixture.user(users.get(u), List.of(TREATMENT), random);
            }
            fixture.split(Map.of(CONTROL, 50, TREATMENT, 50), "planted");
        }

        long setUp = System.nanoTime();
        List<Served> answers = serve(users);
        long servedAll = System.nanoTime();
        Map<String, Arm> arms = new TreeMap<>(Map.of(CONTROL, new Arm(), TREATMENT, new Arm()));
        Map<String, List<Json.Obj>> events = new TreeMap<>();
        SplittableRandom draws = new SplittableRandom(7);
        int n = 0;
        for (Served answer : answers) {
            Arm arm = arms.get(answer.arm());
            arm.served++;
            List<Json.Obj> mine = events.computeIfAbsent(answer.user(), u -> new ArrayList<>());
            if (draws.nextDouble() < CLICK_THROUGH) {
                int at = draws.nextInt(answer.items().size());
                mine.add(event("v" + n++, "view", answer, at));
                arm.views++;
                arm.viewed++;
                if (draws.nextDouble() < 0.2) { // a second look at the same answer: a view more, not an answer more
                    mine.add(event("v" + n++, "view", answer, draws.nextInt(answer.items().size())));
                    arm.views++;
                }
            }
            BigDecimal revenue = BigDecimal.ZERO;
            if (draws.nextDouble() < CONVERSION.get(answer.arm())) {
                revenue = BigDecimal.valueOf(500 + draws.nextInt(4000), 2); // 5.00 .. 44.99
                mine.add(event("p" + n++, "purchase", answer, draws.nextInt(answer.items().size())).put("value", revenue));
                arm.purchases++;
                arm.converted++;
                if (draws.nextDouble() < 0.1) { // a second book of the same answer, without a price
                    mine.add(event("p" + n++, "purchase", answer, draws.nextInt(answer.items().size())));
                    arm.purchases++;
                }
            }
            arm.revenuePerAnswer.add(revenue);
        }
        postInBatches(events);
        long posted = System.nanoTime();
        served.flush().await().indefinitely();
        JsonPath report = JsonPath.from(given().get("/v1/models/report").then().statusCode(200).extract().asString())
                .using(JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        System.out.printf("planted experiment: %d answers, %d events; set-up %.1f s, answers %.1f s, events %.1f s,"
                + " report %.1f s%n", answers.size(), n, (setUp - started) / 1e9, (servedAll - setUp) / 1e9,
                (posted - servedAll) / 1e9, (System.nanoTime() - posted) / 1e9);

        String control = arms.get(CONTROL).served >= arms.get(TREATMENT).served ? CONTROL : TREATMENT;
        String treatment = control.equals(CONTROL) ? TREATMENT : CONTROL;
        assertThat(report.getList("arms.model")).containsExactly(control, treatment);
        for (String name : arms.keySet()) {
            Arm arm = arms.get(name);
            String at = "arms.find { it.model == '" + name + "' }.";
            assertThat(report.getLong(at + "served")).as(name).isEqualTo(arm.served);
            assertThat(report.getLong(at + "views")).as(name).isEqualTo(arm.views);
            assertThat(report.getLong(at + "purchases")).as(name).isEqualTo(arm.purchases);
            assertThat(report.getLong(at + "carts")).as(name).isZero();
            assertThat(new BigDecimal(report.getString(at + "revenue"))).as(name)
                    .isEqualByComparingTo(arm.revenuePerAnswer.stream().reduce(BigDecimal.ZERO, BigDecimal::add));
            rate(report, at + "click_through", arm.viewed, arm.served);
            rate(report, at + "conversion", arm.converted, arm.served);
            double[] revenue = meanAndStandardError(arm);
            close(report, at + "revenue_per_answer.value", revenue[0]);
            close(report, at + "revenue_per_answer.low", revenue[0] - Reference.Z * revenue[1]);
            close(report, at + "revenue_per_answer.high", revenue[0] + Reference.Z * revenue[1]);
        }
        String at = "arms.find { it.model == '" + treatment + "' }.lift.";
        Arm a = arms.get(control);
        Arm b = arms.get(treatment);
        proportionLift(report, at + "conversion", a.converted, a.served, b.converted, b.served);
        proportionLift(report, at + "click_through", a.viewed, a.served, b.viewed, b.served);
        double[] ra = meanAndStandardError(a);
        double[] rb = meanAndStandardError(b);
        close(report, at + "revenue_per_answer.value", rb[0] / ra[0] - 1);
        double seLog = Math.sqrt(Math.pow(rb[1] / rb[0], 2) + Math.pow(ra[1] / ra[0], 2));
        close(report, at + "revenue_per_answer.low", rb[0] / ra[0] * Math.exp(-Reference.Z * seLog) - 1);
        close(report, at + "revenue_per_answer.high", rb[0] / ra[0] * Math.exp(Reference.Z * seLog) - 1);
        close(report, at + "revenue_per_answer.p_value",
                Reference.twoSidedP((rb[0] - ra[0]) / Math.sqrt(ra[1] * ra[1] + rb[1] * rb[1])));
        assertThat(report.getMap("arms.find { it.model == '" + control + "' }")).doesNotContainKey("lift");

        double lift = report.getDouble("arms.find { it.model == '" + TREATMENT + "' }.lift.conversion.value");
        if (treatment.equals(TREATMENT)) {
            assertThat(report.getDouble(at + "conversion.p_value")).as("the planted +30%% conversion is found")
                    .isLessThan(0.05);
            assertThat(lift).isPositive();
        }
    }

    private List<Served> serve(List<String> users) throws Exception {
        RequestSpecification auth = RestAssured.requestSpecification;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Served>>> perUser = new ArrayList<>();
            for (String user : users) {
                perUser.add(pool.submit(() -> {
                    List<Served> mine = new ArrayList<>();
                    for (int i = 0; i < ANSWERS_PER_USER; i++) {
                        JsonPath answer = given().spec(auth).get("/v1/users/" + user + "/recommendations?k=5")
                                .then().statusCode(200).extract().jsonPath();
                        mine.add(new Served(user, answer.getString("model.assigned"),
                                answer.getString("recommendation_id"), answer.getList("items.item_id")));
                    }
                    return mine;
                }));
            }
            List<Served> answers = new ArrayList<>();
            for (Future<List<Served>> f : perUser) {
                answers.addAll(f.get());
            }
            Set<String> ids = new HashSet<>();
            answers.forEach(a -> ids.add(a.id()));
            assertThat(ids).as("one id per answer").hasSize(answers.size());
            assertThat(answers.stream().map(Served::arm).distinct()).containsExactlyInAnyOrder(CONTROL, TREATMENT);
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Json.Obj event(String id, String type, Served answer, int index) {
        return Json.object().put("event_id", id).put("type", type).put("item_id", answer.items().get(index))
                .put("recommendation_id", answer.id()).put("position", index + 1);
    }

    private static void postInBatches(Map<String, List<Json.Obj>> events) {
        events.forEach((user, list) -> {
            for (int from = 0; from < list.size(); from += 100) {
                List<Json.Obj> batch = list.subList(from, Math.min(list.size(), from + 100));
                JsonPath results = given().contentType(ContentType.JSON)
                        .body(Json.object().put("events", Json.array(batch.toArray())).toString())
                        .post("/v1/users/" + user + "/events").then().statusCode(200).extract().jsonPath();
                assertThat(results.getList("results.attribution")).as(user).allMatch("attributed"::equals);
            }
        });
    }

    /** Mean and standard error of the revenue per answer, over every answer served. */
    private static double[] meanAndStandardError(Arm arm) {
        int n = arm.revenuePerAnswer.size();
        double mean = arm.revenuePerAnswer.stream().mapToDouble(BigDecimal::doubleValue).sum() / n;
        double squares = arm.revenuePerAnswer.stream().mapToDouble(v -> Math.pow(v.doubleValue() - mean, 2)).sum();
        return new double[] { mean, Math.sqrt(squares / (n - 1) / n) };
    }

    private static void rate(JsonPath report, String path, long x, long n) {
        double[] wilson = Reference.wilson(x, n);
        close(report, path + ".rate", (double) x / n);
        close(report, path + ".low", wilson[0]);
        close(report, path + ".high", wilson[1]);
    }

    private static void proportionLift(JsonPath report, String path, long xA, long nA, long xB, long nB) {
        double pA = (double) xA / nA;
        double pB = (double) xB / nB;
        double pooled = (double) (xA + xB) / (nA + nB);
        double z = (pB - pA) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        double seLog = Math.sqrt(1.0 / xB - 1.0 / nB + 1.0 / xA - 1.0 / nA);
        close(report, path + ".value", pB / pA - 1);
        close(report, path + ".low", pB / pA * Math.exp(-Reference.Z * seLog) - 1);
        close(report, path + ".high", pB / pA * Math.exp(Reference.Z * seLog) - 1);
        close(report, path + ".p_value", Reference.twoSidedP(z));
    }

    private static void close(JsonPath report, String path, double expected) {
        Number actual = report.get(path);
        assertThat(actual).as(path).isNotNull();
        assertThat(actual.doubleValue()).as(path).isCloseTo(expected, within(Math.abs(expected) * TOLERANCE + 1e-12));
    }

    static BigDecimal round(BigDecimal v) {
        return v.setScale(4, RoundingMode.HALF_EVEN);
    }
}
