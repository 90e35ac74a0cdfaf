package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** A row's facets kept as bytes between refreshes must come back as the same map, in the same order. */
class FacetCodesTest {

    private static final List<String> NAMES = List.of("authors", "language", "price", "in_stock", "series", "year");

    @Test
    void randomFacetMapsComeBackEqualAndInTheSameOrder() {
        FacetCodes codes = new FacetCodes(NAMES);
        SplittableRandom rnd = new SplittableRandom(11);
        for (int i = 0; i < 5_000; i++) {
            Map<String, Object> facets = new LinkedHashMap<>();
            List<String> names = new ArrayList<>(NAMES);
            java.util.Collections.shuffle(names, new java.util.Random(i));
            for (String name : names.subList(0, rnd.nextInt(names.size() + 1))) {
                facets.put(name, value(rnd));
            }
            Map<String, Object> decoded = codes.decode(codes.encode(facets));
            assertThat(decoded).isEqualTo(facets);
            assertThat(List.copyOf(decoded.keySet())).isEqualTo(List.copyOf(facets.keySet()));
            assertThat(decoded.toString()).isEqualTo(facets.toString());
        }
    }

    private static Object value(SplittableRandom rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> text(rnd);
            case 1 -> {
                List<String> texts = new ArrayList<>();
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    texts.add(text(rnd));
                }
                yield List.copyOf(texts);
            }
            case 2 -> rnd.nextInt(3) == 0 ? Double.NaN : rnd.nextDouble(-1e6, 1e6);
            case 3 -> rnd.nextBoolean();
            default -> (double) rnd.nextInt(1900, 2030);
        };
    }

    private static String text(SplittableRandom rnd) {
        String[] pool = {"", "en", "fr", "Tolkien, J.R.R.", "Émile Zola", "日本語", "a\u0000b", "x".repeat(70_000)};
        return pool[rnd.nextInt(pool.length)];
    }

    @Test
    void valuesTheColumnsCannotUseStayUnusableAndOtherNamesAreNotKept() {
        FacetCodes codes = new FacetCodes(NAMES);
        Map<String, Object> facets = new LinkedHashMap<>();
        facets.put("language", List.of(1, 2));
        facets.put("colour", "red");
        facets.put("price", 12);
        Map<String, Object> decoded = codes.decode(codes.encode(facets));
        assertThat(decoded).containsOnlyKeys("language", "price");
        assertThat(decoded.get("language")).isEqualTo(List.of());
        assertThat(decoded.get("price")).isEqualTo(12.0);
        assertThat(codes.encode(Map.of())).isEmpty();
        assertThat(codes.encode(Map.of("colour", "red"))).isEmpty();
    }
}
