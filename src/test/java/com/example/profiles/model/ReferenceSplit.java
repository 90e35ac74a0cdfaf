package com.example.profiles.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stated assignment, written again for the tests: FNV-1a 64 over the salt, a zero byte and the user id,
 * SplitMix64's finalizer, modulo 10,000 buckets; contiguous bucket ranges in model-name order, 100 per point.
 */
final class ReferenceSplit {

    private ReferenceSplit() {
    }

    static String assign(Map<String, Integer> split, String salt, String user) {
        long h = 0xcbf29ce484222325L;
        for (byte b : salt.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h *= 0x100000001b3L;
        for (byte b : user.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        long bucket = Long.remainderUnsigned(h, 10_000);
        long upper = 0;
        for (Map.Entry<String, Integer> arm : new TreeMap<>(split).entrySet()) {
            upper += arm.getValue() * 100L;
            if (bucket < upper) {
                return arm.getKey();
            }
        }
        throw new AssertionError("weights do not sum to 100: " + split);
    }
}
