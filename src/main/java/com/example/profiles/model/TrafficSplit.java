package com.example.profiles.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which model answers which user: each user falls in one of {@value #BUCKETS} buckets by a hash of
 * (salt, user id), and each model owns a contiguous range of buckets, in model-name order, as wide as its
 * weight. The assignment is a pure function of the split, the salt and the user id: every pod of every region
 * agrees, before and after restarts. Moving weight between two models adjacent in name order (all two-model
 * splits) only moves users into the arm that grew; a new salt reshuffles everyone.
 *
 * <p>Immutable; the arms, the order by share and the salt's part of the hash are computed once here, because
 * every recommendation assigns a user.
 */
public final class TrafficSplit {

    public static final int BUCKETS = 10_000;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final Map<String, Integer> weights;
    private final String salt;
    private final Instant updatedAt;
    /** The models with a positive weight in name order, and the exclusive upper bucket of each. */
    private final String[] arms;
    private final int[] upper;
    private final List<String> byShare;
    /** FNV-1a state after the salt and its zero separator. */
    private final long saltState;

    /**
     * @param weights   integer percentages summing to 100, by model name
     * @param salt      mixed into every user's bucket; a new salt reshuffles the arms
     * @param updatedAt when the split was stored, or null for one that never was
     */
    public TrafficSplit(Map<String, Integer> weights, String salt, Instant updatedAt) {
        this.weights = Collections.unmodifiableMap(new TreeMap<>(weights));
        this.salt = salt == null ? "" : salt;
        this.updatedAt = updatedAt;
        int total = 0;
        List<String> positive = new ArrayList<>();
        for (Map.Entry<String, Integer> arm : this.weights.entrySet()) {
            int weight = arm.getValue();
            if (weight < 0) {
                total = -1;
                break;
            }
            total += weight;
            if (weight > 0) {
                positive.add(arm.getKey());
            }
        }
        if (total != 100) {
            throw new IllegalArgumentException("weights must be non-negative and sum to 100: " + weights);
        }
        arms = positive.toArray(String[]::new);
        upper = new int[arms.length];
        int bound = 0;
        for (int i = 0; i < arms.length; i++) {
            bound += this.weights.get(arms[i]) * (BUCKETS / 100);
            upper[i] = bound;
        }
        List<String> sorted = new ArrayList<>(positive);
        sorted.sort(Comparator.comparingInt((String m) -> -this.weights.get(m)).thenComparing(m -> m));
        byShare = List.copyOf(sorted);
        saltState = saltState(this.salt);
    }

    /** Everything to one model: what a store without a split means, with {@code default}. */
    public static TrafficSplit all(String model) {
        return new TrafficSplit(Map.of(model, 100), "", null);
    }

    /** Integer percentages summing to 100, by model name (in name order). */
    public Map<String, Integer> weights() {
        return weights;
    }

    public String salt() {
        return salt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The model that answers {@code userId}. */
    public String assign(String userId) {
        if (arms.length == 1) {
            return arms[0];
        }
        int bucket = finish(utf8(saltState, userId));
        for (int i = 0; i < arms.length - 1; i++) {
            if (bucket < upper[i]) {
                return arms[i];
            }
        }
        return arms[arms.length - 1];
    }

    /** The weight of a model (0 when it has none). */
    public int share(String model) {
        return weights.getOrDefault(model, 0);
    }

    /** The models with a positive weight, largest share first (ties by name). */
    public List<String> byShare() {
        return byShare;
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
        return finish(utf8(saltState(salt), userId));
    }

    /** FNV-1a state after the salt's UTF-8 bytes and a zero byte. */
    private static long saltState(String salt) {
        return step(fnv(FNV_OFFSET, salt.getBytes(StandardCharsets.UTF_8)), 0);
    }

    private static int finish(long h) {
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (int) Long.remainderUnsigned(h, BUCKETS);
    }

    private static long fnv(long h, byte[] bytes) {
        for (byte b : bytes) {
            h = step(h, b & 0xff);
        }
        return h;
    }

    private static long step(long h, int b) {
        return (h ^ b) * FNV_PRIME;
    }

    /**
     * FNV-1a over the UTF-8 encoding of {@code s} without building the byte array; a lone surrogate counts as
     * '?', as {@link String#getBytes} encodes it.
     */
    private static long utf8(long h, String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                h = step(h, c);
            } else if (c < 0x800) {
                h = step(step(h, 0xc0 | c >> 6), 0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    h = step(step(step(step(h, 0xf0 | cp >> 18), 0x80 | cp >> 12 & 0x3f), 0x80 | cp >> 6 & 0x3f),
                            0x80 | cp & 0x3f);
                } else {
                    h = step(h, '?');
                }
            } else {
                h = step(step(step(h, 0xe0 | c >> 12), 0x80 | c >> 6 & 0x3f), 0x80 | c & 0x3f);
            }
        }
        return h;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TrafficSplit that && weights.equals(that.weights) && salt.equals(that.salt)
                && Objects.equals(updatedAt, that.updatedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(weights, salt, updatedAt);
    }

    @Override
    public String toString() {
        return "TrafficSplit[weights=" + weights + ", salt=" + salt + ", updatedAt=" + updatedAt + "]";
    }
}
