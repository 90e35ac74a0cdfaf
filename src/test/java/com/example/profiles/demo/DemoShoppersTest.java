package com.example.profiles.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.profiles.event.EventInput;

/**
 * The demo shoppers are the same on every run, their purchases lie on the right side of the README's cutoff, and
 * the demo embeddings beat popularity on them (a brute-force replay of the README's evaluation: precision@10 with
 * the shopper's January purchases left out).
 */
class DemoShoppersTest {

    private static final List<DemoBook> CATALOG = BookCsv.readDemoCatalog();
    private static final List<DemoShoppers.Shopper> SHOPPERS = DemoShoppers.all(CATALOG);

    @Test
    void theSameShoppersEveryTimeWithAPastAndAFuture() {
        List<DemoBook> catalog = CATALOG;
        List<DemoShoppers.Shopper> shoppers = SHOPPERS;
        List<DemoShoppers.Shopper> again = DemoShoppers.all(catalog);
        assertThat(shoppers).hasSize(DemoShoppers.SHOPPERS);
        for (int s = 0; s < shoppers.size(); s++) {
            assertThat(again.get(s).features()).isEqualTo(shoppers.get(s).features());
            assertThat(again.get(s).purchases()).isEqualTo(shoppers.get(s).purchases());
            List<EventInput> purchases = shoppers.get(s).purchases();
            assertThat(purchases).hasSize(DemoShoppers.BEFORE + DemoShoppers.AFTER);
            assertThat(purchases.stream().map(EventInput::itemId).distinct()).hasSize(purchases.size());
            for (int e = 0; e < purchases.size(); e++) {
                Instant at = Instant.parse(purchases.get(e).occurredAt());
                if (e < DemoShoppers.BEFORE) {
                    assertThat(at).isAfter(DemoShoppers.VECTOR_TIME).isBefore(DemoShoppers.CUTOFF);
                } else {
                    assertThat(at).isAfter(DemoShoppers.CUTOFF).isBefore(DemoShoppers.UNTIL);
                }
            }
        }
        assertThat(shoppers.stream().map(DemoShoppers.Shopper::mainAuthor).distinct().count()).isGreaterThan(20);
    }

    @Test
    void theDemoEmbeddingsBeatPopularityOnThem() {
        List<DemoBook> catalog = CATALOG;
        List<DemoShoppers.Shopper> shoppers = SHOPPERS;
        float[][] embeddings = catalog.stream().map(DemoEmbeddings::embed).toArray(float[][]::new);
        Map<String, Integer> counts = new HashMap<>();
        shoppers.forEach(s -> s.purchases().subList(0, DemoShoppers.BEFORE)
                .forEach(p -> counts.merge(p.itemId(), 1, Integer::sum)));
        double model = 0;
        double popular = 0;
        for (DemoShoppers.Shopper shopper : shoppers) {
            Set<String> seen = new HashSet<>();
            shopper.purchases().subList(0, DemoShoppers.BEFORE).forEach(p -> seen.add(p.itemId()));
            Set<String> relevant = new HashSet<>();
            shopper.purchases().subList(DemoShoppers.BEFORE, shopper.purchases().size())
                    .forEach(p -> relevant.add(p.itemId()));
            Map<String, Double> score = new HashMap<>();
            for (int i = 0; i < catalog.size(); i++) {
                score.put(catalog.get(i).itemId(), DemoEmbeddings.dot(shopper.features(), embeddings[i]));
            }
            model += precisionAt10(catalog, seen, relevant, Comparator.comparing((String id) -> -score.get(id)));
            popular += precisionAt10(catalog, seen, relevant,
                    Comparator.comparing((String id) -> -counts.getOrDefault(id, 0)));
        }
        System.out.printf("demo shoppers: precision@10 %.4f by the embeddings, %.4f by popularity%n",
                model / shoppers.size(), popular / shoppers.size());
        assertThat(model).isGreaterThan(2 * popular);
    }

    private static double precisionAt10(List<DemoBook> catalog, Set<String> seen, Set<String> relevant,
                                        Comparator<String> order) {
        List<String> ids = new ArrayList<>();
        catalog.forEach(b -> {
            if (!seen.contains(b.itemId())) {
                ids.add(b.itemId());
            }
        });
        ids.sort(order.thenComparing(id -> id));
        return ids.subList(0, 10).stream().filter(relevant::contains).count() / 10.0;
    }
}
