package com.example.profiles.perf;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.example.profiles.support.Json;

import io.restassured.http.ContentType;

/**
 * Bytes the service's threads allocate per answered request, from HotSpot's per-thread allocation
 * counters ({@code com.sun.management.ThreadMXBean}): every live thread but the test's own, which
 * runs the HTTP client. Allocation, unlike time, does not move when other work shares the machine.
 * Requests run in rounds; the figure of a path is the lowest round once the JIT has had its chance,
 * so a path passes as soon as one round stays under its bound, and one that allocates too much on
 * every round (a kernel whose vectors C2 left boxed: kilobytes per catalog chunk, megabytes per
 * query) fails whatever the machine's load.
 */
final class RequestAllocation {

    static final int DIMENSION = 64;
    static final int MIN_ROUNDS = 12;
    static final long MIN_MILLIS = 45_000;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RequestAllocation() {
    }

    /** Imports {@code count} items of {@link #DIMENSION} and reloads the catalog. */
    static void seedItems(int count) {
        SplittableRandom rnd = new SplittableRandom(64);
        StringBuilder body = new StringBuilder(count * 700);
        for (int i = 0; i < count; i++) {
            body.append("{\"item_id\":\"alloc-item-").append(i).append("\",\"title\":\"Item ").append(i)
                    .append("\",\"embedding\":").append(vector(rnd)).append("}\n");
        }
        given().contentType("application/x-ndjson").body(body.toString().getBytes(StandardCharsets.UTF_8))
                .post("/v1/items/import").then().statusCode(200);
        given().post("/v1/catalog/reload").then().statusCode(200);
    }

    /** Profiles alloc-user-0..count-1, with 64 features and a small attributes map. */
    static void seedUsers(int count) {
        SplittableRandom rnd = new SplittableRandom(65);
        for (int i = 0; i < count; i++) {
            String body = "{\"user_name\":\"User " + i + "\",\"attributes\":{\"tier\":\"gold\",\"city\":\"Lyon\","
                    + "\"interests\":[\"sf\",\"crime\"]},\"user_features\":" + vector(rnd) + "}";
            given().contentType(ContentType.JSON).body(body).put("/v1/users/alloc-user-" + i)
                    .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
    }

    private static String vector(SplittableRandom rnd) {
        float[] v = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            v[d] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return Json.numbers(v).toString();
    }

    /**
     * The lowest allocation per request over rounds of {@code perRound} GETs of {@code pathTemplate}
     * (%d: user number below {@code users}), stopping at the first round under {@code bound}, else after
     * at least {@link #MIN_ROUNDS} rounds and {@link #MIN_MILLIS}: until C2 has compiled a path, its
     * objects are not scalar-replaced and its vectors are boxed, so a loaded machine needs more rounds,
     * never a looser bound.
     */
    static long settledBytesPerRequest(String pathTemplate, int users, int perRound, long bound) {
        long start = System.currentTimeMillis();
        long best = Long.MAX_VALUE;
        int n = 0;
        int rounds = 0;
        do {
            Map<Long, Long> before = serverThreads();
            for (int i = 0; i < perRound; i++) {
                given().get(String.format(pathTemplate, n++ % users)).then().statusCode(200);
            }
            Map<Long, Long> after = serverThreads();
            long bytes = 0;
            for (Map.Entry<Long, Long> e : after.entrySet()) {
                bytes += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            best = Math.min(best, bytes / perRound);
            rounds++;
            // Falling rounds mean the JIT is still at work; flat ones over the bound mean boxed vectors.
            System.out.printf("%s: round %d, %d B per request%n", pathTemplate, rounds, bytes / perRound);
        } while (best > bound && (rounds < MIN_ROUNDS || System.currentTimeMillis() - start < MIN_MILLIS));
        return best;
    }

    /** Allocated bytes per live thread, the calling (client) thread left out. */
    private static Map<Long, Long> serverThreads() {
        assertThat(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled())
                .as("per-thread allocation counters").isTrue();
        long self = Thread.currentThread().getId();
        long[] ids = THREADS.getAllThreadIds();
        long[] bytes = THREADS.getThreadAllocatedBytes(ids);
        Map<Long, Long> result = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != self && bytes[i] >= 0) {
                result.put(ids[i], bytes[i]);
            }
        }
        return result;
    }
}
