package com.example.profiles.perf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.example.profiles.support.AllRolesToken;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The hot paths' allocation per request stays bounded: a profile read, and recommendations over a
 * 10,000 x 64 float32 catalog. Not a timing test; see {@link RequestAllocation} and docs/performance.md
 * for the bounds and what they were measured against.
 */
@QuarkusTest
@TestProfile(RequestAllocationTest.Float32Catalog.class)
@ExtendWith(AllRolesToken.class)
class RequestAllocationTest {

    /**
     * Measured: 232 KB per GET on JDK 17 early in the JIT's work (two rounds on a loaded machine); less
     * once C2 has compiled the path and scalar-replaced its short-lived objects.
     */
    static final long GET_BOUND = 256 * 1024;
    /**
     * Measured: 235 KB per recommendation at 10k x 64, as much as a GET (the profile read dominates;
     * the scan allocates its few arrays). A boxed float32 kernel adds at least 32 B per row, 320 KB here.
     */
    static final long RECOMMEND_BOUND = 384 * 1024;
    static final int USERS = 20;

    public static class Float32Catalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "AllocItemsF32", "recommend.precision", "float32",
                    "recommend.catalog.refresh", "1h");
        }
    }

    @Test
    void profileReadsAndRecommendationsAllocateLittle() {
        RequestAllocation.seedItems(10_000);
        RequestAllocation.seedUsers(USERS);
        long get = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d", USERS, 100, GET_BOUND);
        long recommend = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d/recommendations?k=10",
                USERS, 50, RECOMMEND_BOUND);
        System.out.printf("allocation per request: GET %d B, recommendations (10k x 64 float32) %d B%n", get, recommend);
        assertThat(get).as("bytes allocated per GET /v1/users/{id}").isLessThanOrEqualTo(GET_BOUND);
        assertThat(recommend).as("bytes allocated per recommendation, 10k x 64 float32: boxed vectors?")
                .isLessThanOrEqualTo(RECOMMEND_BOUND);
    }
}
