package com.example.profiles.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which model answers which user: each user falls in one of {@value #BUCKETS} buckets by a hash of
 * (salt, user id), and each model owns a contiguous range of buckets, in model-name order, as wide as its
 * weight. The assignment is a pure function of the split, the salt and the user id: every pod of every region
 * agrees, before and after restarts. Moving weight between two models adjacent in name order (all two-model
 * splits) only moves users into the arm that grew; a new salt reshuffles everyone.
 *
 * @param weights integer percentages summing to 100, by model name
 */
public record TrafficSplit(Map<String, Integer> weights, String salt, Instant updatedAt) {

    public static final int BUCKETS = 10_000;

    public TrafficSplit {
        weights = java.util.Collections.unmodifiableMap(new TreeMap<>(weights));
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        if (total != 100 || weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("weights must be non-negative and sum to 100: " + weights);
        }
    }

    /** Everything to one model: what a store without a split means, with {@code default}. */
    public static TrafficSplit all(String model) {
        return new TrafficSplit(Map.of(model, 100), "", null);
    }

    /** The model that answers {@code userId}. */
    public String assign(String userId) {
        int bucket = bucket(salt, userId);
        int upper = 0;
        String last = null;
        for (Map.Entry<String, Integer> arm : weights.entrySet()) {
            if (arm.getValue() == 0) {
                continue;
            }
            upper += arm.getValue() * (BUCKETS / 100);
            last = arm.getKey();
            if (bucket < upper) {
                return last;
            }
        }
        return last;
    }

    /** The weight of a model (0 when it has none). */
    public int share(String model) {
        return weights.getOrDefault(model, 0);
    }

    /** The models with a positive weight, largest share first (ties by name). */
    public List<String> byShare() {
        List<String> models = new ArrayList<>();
        weights.forEach((model, weight) -> {
            if (weight > 0) {
                models.add(model);
            }
        });
        models.sort(Comparator.comparingInt((String m) -> -weights.get(m)).thenComparing(m -> m));
        return models;
    }

    /** The split as the API shows it: weights in name order. */
    public Map<String, Integer> split() {
        return new LinkedHashMap<>(weights);
    }

    /**
     * The bucket of a user under a salt: FNV-1a (64 bit) over the UTF-8 bytes of the salt, a zero byte and the
     * user id, then the SplitMix64 finaliser, taken modulo {@value #BUCKETS}. Specified here, not borrowed from
     * a library, because every pod and every tool that replays an experiment must compute the same bucket.
     */
    public static int bucket(String salt, String userId) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, salt.getBytes(StandardCharsets.UTF_8));
        h = (h ^ 0) * 0x100000001b3L;
        h = fnv(h, userId.getBytes(StandardCharsets.UTF_8));
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
