package com.example.profiles.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The profile's behaviour summary against a brute-force replay of the same events. */
class EventSummaryTest {

    @Test
    void matchesABruteForceReplay() {
        Random random = new Random(42);
        String[] types = { "view", "purchase", "return", "cart", "rating" };
        for (int round = 0; round < 200; round++) {
            int maxViews = 1 + random.nextInt(5);
            int maxPurchased = 1 + random.nextInt(6);
            EventSummary summary = EventSummary.EMPTY;
            List<BehaviourEvent> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                BehaviourEvent e = new BehaviourEvent("e" + i, types[random.nextInt(types.length)], "i" + random.nextInt(8), null,
                        // out of order, but no two at the same time (ties would make "the newest N" ambiguous)
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(1000) * 100L + i));
                events.add(e);
                summary = summary.apply(e, maxViews, maxPurchased);
            }
            // Reference: replay in arrival order; purchases keep their latest time, the oldest beyond the bound go.
            Map<String, Instant> purchased = new LinkedHashMap<>();
            Map<String, Instant> lastView = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (BehaviourEvent e : events) {
                counts.merge(e.type(), 1L, Long::sum);
                switch (e.type()) {
                    case "purchase" -> {
                        purchased.merge(e.itemId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                        while (purchased.size() > maxPurchased) {
                            purchased.remove(purchased.entrySet().stream().min(Map.Entry.comparingByValue()).get().getKey());
                        }
                    }
                    case "return" -> purchased.remove(e.itemId());
                    case "view" -> {
                        lastView.merge(e.itemId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
                        // keep only what a bounded list could have kept: the newest maxViews
                        List<String> keep = lastView.entrySet().stream()
                                .sorted(Map.Entry.<String, Instant>comparingByValue().reversed()).limit(maxViews)
                                .map(Map.Entry::getKey).toList();
                        lastView.keySet().retainAll(keep);
                    }
                    default -> {
                    }
                }
            }
            assertThat(summary.purchased().keySet()).as("round " + round).containsExactlyInAnyOrderElementsOf(purchased.keySet());
            assertThat(summary.counts()).isEqualTo(counts);
            assertThat(summary.seq()).isEqualTo(30);
            List<String> expectedViews = lastView.entrySet().stream()
                    .sorted(Map.Entry.<String, Instant>comparingByValue(Comparator.naturalOrder()).reversed())
                    .map(Map.Entry::getKey).toList();
            assertThat(summary.recentViews().stream().map(EventSummary.View::itemId).toList())
                    .as("round " + round).containsExactlyInAnyOrderElementsOf(expectedViews);
            assertThat(summary.recentViews()).isSortedAccordingTo(
                    Comparator.comparing(EventSummary.View::occurredAt).reversed());
        }
    }
}
