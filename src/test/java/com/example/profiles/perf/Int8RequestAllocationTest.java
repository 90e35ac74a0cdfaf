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
 * Recommendations over a 50,000 x 64 int8 catalog allocate a bounded amount per request: a kernel that
 * runs boxed inside the service (interpreted, C1, or C2 giving up on the Vector API) allocates per row,
 * megabytes per request at this size. Seeding goes through the service's own import endpoint (about half a
 * minute against the local engine). The precision is pinned so that the test does not depend on where
 * {@code auto} draws its line.
 */
@QuarkusTest
@TestProfile(Int8RequestAllocationTest.Int8Catalog.class)
@ExtendWith(AllRolesToken.class)
class Int8RequestAllocationTest {

    /**
     * A compiled int8 path allocated 300-400 KB per request at 100,000 items here (JDK 17; its candidate
     * buffers grow with the catalog, so less at 50,000); a boxed int8 kernel adds at least one 64-byte vector
     * object per row, 3.2 MB and more at 50,000 (the first, uncompiled round measured 28 MB at 100,000).
     */
    static final long RECOMMEND_BOUND = 1024 * 1024;
    static final int ITEMS = 50_000;
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
        RequestAllocation.seedItems(ITEMS);
        RequestAllocation.seedUsers(USERS);
        long recommend = RequestAllocation.settledBytesPerRequest("/v1/users/alloc-user-%d/recommendations?k=10",
                USERS, 50, RECOMMEND_BOUND);
        System.out.printf("allocation per request: recommendations (50k x 64 int8) %d B%n", recommend);
        assertThat(recommend).as("bytes allocated per recommendation, 50k x 64 int8: boxed vectors?")
                .isLessThanOrEqualTo(RECOMMEND_BOUND);
    }
}
