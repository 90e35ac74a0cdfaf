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
 * Recommendations over an int8 catalog allocate a bounded amount per request. The catalog is forced
 * to int8 at 5,000 items (auto picks int8 from 50,000, which would take the engine too long to
 * seed in a unit test): a boxed int8 kernel allocates per row, so it shows at any size.
 */
@QuarkusTest
@TestProfile(Int8RequestAllocationTest.Int8Catalog.class)
@ExtendWith(AllRolesToken.class)
class Int8RequestAllocationTest {

    /**
     * A compiled int8 path allocates about what a profile read does (~235 KB on JDK 17 early in the JIT's
     * work); a boxed int8 kernel adds at least one 64-byte vector object per row, 320 KB and more here.
     */
    static final long RECOMMEND_BOUND = 384 * 1024;
    static final int USERS = 20;

    public static class Int8Catalog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("recommend.items-table", "AllocItemsInt8", "recommend.precision", "int8",
                    "recommend.catalog.refresh", "1h");
        }
    }

    @Test
    void int8RecommendationsAllocateLittle() {
        RequestAllocation.seedItems(5_000);
        RequestAllocation.seedUsers(USERS);
        long recommend = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d/recommendations?k=10",
                USERS, 50, RECOMMEND_BOUND);
        System.out.printf("allocation per request: recommendations (5k x 64 int8) %d B%n", recommend);
        assertThat(recommend).as("bytes allocated per recommendation, 5k x 64 int8: boxed vectors?")
                .isLessThanOrEqualTo(RECOMMEND_BOUND);
    }
}
