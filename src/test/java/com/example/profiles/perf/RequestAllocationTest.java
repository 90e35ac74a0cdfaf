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

    /** Measured: ~20-30 KB per GET (Quarkus REST, the SDK's request and response, JSON). */
    static final long GET_BOUND = 96 * 1024;
    /**
     * Measured: ~60-80 KB per recommendation at 10k x 64 (the scores of a chunk, the top k, the SDK
     * read of the profile). A boxed float32 kernel allocates at least 32 B per row, 320 KB and more here.
     */
    static final long RECOMMEND_BOUND = 256 * 1024;
    static final int USERS = 50;

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
        long get = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d", USERS, 300, GET_BOUND, 20_000);
        long recommend = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d/recommendations?k=10",
                USERS, 100, RECOMMEND_BOUND, 30_000);
        System.out.printf("allocation per request: GET %d B, recommendations (10k x 64 float32) %d B%n", get, recommend);
        assertThat(get).as("bytes allocated per GET /v1/users/{id}").isLessThanOrEqualTo(GET_BOUND);
        assertThat(recommend).as("bytes allocated per recommendation, 10k x 64 float32: boxed vectors?")
                .isLessThanOrEqualTo(RECOMMEND_BOUND);
    }
}
