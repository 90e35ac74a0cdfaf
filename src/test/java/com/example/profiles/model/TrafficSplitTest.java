package com.example.profiles.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The assignment is a pure function of (split, salt, user id): the same user always gets the same model, shares
 * match the weights, growing an arm only moves users into it, and a new salt reshuffles.
 */
class TrafficSplitTest {

    private static final int USERS = 100_000;

    private static TrafficSplit split(String salt, Object... weights) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < weights.length; i += 2) {
            map.put((String) weights[i], (Integer) weights[i + 1]);
        }
        return new TrafficSplit(map, salt, Instant.EPOCH);
    }

    @Test
    void sharesAreWithinOnePointOfTheWeightsOverAHundredThousandUsers() {
        TrafficSplit split = split("2026-12-ab", "default", 90, "books-v2", 10);
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < USERS; u++) {
            counts.merge(split.assign("user-" + u), 1, Integer::sum);
        }
        assertThat(100.0 * counts.get("default") / USERS).isBetween(89.0, 91.0);
        assertThat(100.0 * counts.get("books-v2") / USERS).isBetween(9.0, 11.0);
    }

    @Test
    void growingAnArmOnlyMovesUsersIntoIt() {
        TrafficSplit before = split("s", "default", 90, "books-v2", 10);
        TrafficSplit after = split("s", "books-v2", 20, "default", 80); // the order written does not matter
        int moved = 0;
        for (int u = 0; u < USERS; u++) {
            String id = "user-" + u;
            String was = before.assign(id);
            String is = after.assign(id);
            if (!was.equals(is)) {
                assertThat(is).as(id).isEqualTo("books-v2");
                moved++;
            }
        }
        assertThat(100.0 * moved / USERS).isBetween(9.0, 11.0);
    }

    @Test
    void theBucketIsAFixedFunctionOfSaltAndUser() {
        // pinned values: a change of the hash would move every user of every running experiment
        int[] pinned = {TrafficSplit.bucket("", "a"), TrafficSplit.bucket("salt", "user-1"), TrafficSplit.bucket("x", "")};
        assertThat(pinned).containsExactly(PINNED);
        int moved = 0;
        for (int u = 0; u < 10_000; u++) {
            if (TrafficSplit.bucket("one", "user-" + u) != TrafficSplit.bucket("two", "user-" + u)) {
                moved++;
            }
        }
        assertThat(moved).as("a new salt reshuffles").isGreaterThan(9_900);
    }

    @Test
    void everyUserGetsTheModelTheIndependentReferenceComputes() {
        // the function two processes, two regions and a restarted pod all compute; the IT checks it over HTTP
        TrafficSplit split = split("2026-12-ab", "default", 80, "books-v2", 15, "books-v3", 5);
        for (int u = 0; u < USERS; u++) {
            String id = "user-" + u;
            assertThat(split.assign(id)).as(id).isEqualTo(ReferenceSplit.assign(split.weights(), split.salt(), id));
        }
    }

    @Test
    void idsOutsideAsciiHashAsTheirUtf8Bytes() {
        // the assignment encodes ids itself; the reference goes through String.getBytes
        TrafficSplit split = split("sel-\u00e9", "default", 50, "books-v2", 50);
        String[] parts = {"a", "\u00e9", "\u00df", "\u0800", "\u4e66", "\uffff", "\ud83d\udcda", "\ud83d", "\udcda", "-"};
        Random random = new Random(7);
        for (int u = 0; u < 20_000; u++) {
            StringBuilder id = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) {
                id.append(parts[random.nextInt(parts.length)]);
            }
            String user = id.toString();
            assertThat(split.assign(user)).as(user).isEqualTo(ReferenceSplit.assign(split.weights(), split.salt(), user));
        }
    }

    @Test
    void aSplitOfOneHundredSendsEveryoneToOneModelAndWeightsMustSumToOneHundred() {
        TrafficSplit all = split("s", "books-v2", 100, "default", 0);
        for (int u = 0; u < 1000; u++) {
            assertThat(all.assign("user-" + u)).isEqualTo("books-v2");
        }
        assertThat(all.byShare()).containsExactly("books-v2");
        assertThatThrownBy(() -> split("s", "a", 50, "b", 49)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Computed independently (a few lines of Python over the documented function) when the hash was chosen. */
    private static final int[] PINNED = {8877, 9990, 7554};
}
