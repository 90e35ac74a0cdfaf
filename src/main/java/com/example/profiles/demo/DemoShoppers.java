package com.example.profiles.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.profiles.event.EventInput;

/**
 * Synthetic shoppers with a past, so that an offline evaluation of the demo model has something to measure: each
 * likes one author strongly and a second a little (the demo embeddings' own directions, as the demo users do),
 * and bought {@value #BEFORE} books before {@link #CUTOFF} and {@value #AFTER} after it, each drawn from the
 * softmax over the demo embeddings' scores for the shopper (books already bought are not drawn again). The vector
 * is valid from {@link #VECTOR_TIME}, before any purchase. Everything is a pure function of the catalog, so every
 * seeding writes the same shoppers and events (and a second one changes nothing).
 */
public final class DemoShoppers {

    static final int SHOPPERS = 150;
    static final int BEFORE = 10;
    static final int AFTER = 5;
    /** Sharpness of the softmax over scores in -1..1. */
    static final double BETA = 12;
    /** The main authors are drawn from those of the most rated books. */
    static final int AUTHOR_POOL = 60;
    static final double SECOND_WEIGHT = 0.5;
    /** The evaluation window the README uses: purchases in January are the past, in February the future. */
    public static final Instant VECTOR_TIME = Instant.parse("2025-12-01T00:00:00Z");
    public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant CUTOFF = Instant.parse("2026-02-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

    /** A shopper, its features and its purchases in time order. */
    public record Shopper(String userId, String mainAuthor, String secondAuthor, float[] features,
                          List<EventInput> purchases) {
    }

    private DemoShoppers() {
    }

    public static List<Shopper> all(List<DemoBook> catalog) {
        float[][] embeddings = new float[catalog.size()][];
        for (int i = 0; i < catalog.size(); i++) {
            embeddings[i] = DemoEmbeddings.embed(catalog.get(i));
        }
        List<String> authors = new ArrayList<>(new LinkedHashSet<>(catalog.subList(0, Math.min(AUTHOR_POOL,
                catalog.size())).stream().filter(b -> !b.authors().isEmpty()).map(b -> b.authors().get(0)).toList()));
        SplitMix random = new SplitMix(20260101L);
        List<Shopper> shoppers = new ArrayList<>(SHOPPERS);
        for (int s = 0; s < SHOPPERS; s++) {
            String main = authors.get(random.nextInt(authors.size()));
            String second = authors.get(random.nextInt(authors.size()));
            float[] features = DemoEmbeddings.blend(new float[][] { DemoEmbeddings.authorVector(main),
                    DemoEmbeddings.authorVector(second) }, new double[] { 1.0, SECOND_WEIGHT });
            String userId = String.format("demo-shopper-%03d", s + 1);
            shoppers.add(new Shopper(userId, main, second, features,
                    purchases(userId, features, catalog, embeddings, random)));
        }
        return List.copyOf(shoppers);
    }

    private static List<EventInput> purchases(String userId, float[] features, List<DemoBook> catalog,
                                              float[][] embeddings, SplitMix random) {
        double[] weights = new double[catalog.size()];
        double total = 0;
        for (int i = 0; i < catalog.size(); i++) {
            weights[i] = StrictMath.exp(BETA * DemoEmbeddings.dot(features, embeddings[i]));
            total += weights[i];
        }
        Set<Integer> drawn = new LinkedHashSet<>();
        List<EventInput> events = new ArrayList<>();
        for (int e = 0; e < BEFORE + AFTER; e++) {
            double x = random.nextDouble() * total;
            int pick = -1;
            for (int i = 0; i < catalog.size(); i++) {
                if (drawn.contains(i)) {
                    continue;
                }
                pick = i;
                x -= weights[i];
                if (x <= 0) {
                    break;
                }
            }
            drawn.add(pick);
            total -= weights[pick];
            Instant at = e < BEFORE ? spread(START, CUTOFF, e, BEFORE) : spread(CUTOFF, UNTIL, e - BEFORE, AFTER);
            events.add(new EventInput("demo-" + userId + "-p" + e, "purchase", catalog.get(pick).itemId(), null,
                    at.toString()));
        }
        return events;
    }

    /** The {@code i}-th of {@code n} times evenly inside {@code (from, to)}. */
    private static Instant spread(Instant from, Instant to, int i, int n) {
        long step = Duration.between(from, to).toMinutes() / (n + 1);
        return from.plus(Duration.ofMinutes(step * (i + 1)));
    }

    /** SplitMix64, own copy: the same draws on every JVM release. */
    private static final class SplitMix {
        private long state;

        SplitMix(long seed) {
            state = seed;
        }

        long next() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        double nextDouble() {
            return (next() >>> 11) * 0x1.0p-53;
        }

        int nextInt(int bound) {
            return (int) Math.floorMod(next(), (long) bound);
        }
    }
}
