package com.example.profiles.evaluation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, reproducible sample of users: the same users and seed always give the same sample, whatever order the
 * store returned them in (a parallel Scan's order is not stable). The ids are sorted, the first {@code n} places
 * of a seeded Fisher-Yates shuffle are drawn, and the sample is returned sorted.
 */
public final class UserSample {

    private UserSample() {
    }

    public static List<String> of(Collection<String> users, int n, long seed) {
        List<String> ids = new ArrayList<>(users);
        Collections.sort(ids);
        if (n >= ids.size()) {
            return ids;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            Collections.swap(ids, i, i + random.nextInt(ids.size() - i));
        }
        List<String> sample = new ArrayList<>(ids.subList(0, n));
        Collections.sort(sample);
        return sample;
    }
}
