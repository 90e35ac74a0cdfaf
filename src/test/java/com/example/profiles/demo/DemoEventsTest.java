package com.example.profiles.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.example.profiles.event.EventInput;

class DemoEventsTest {

    @Test
    void eachDemoUserViewsAndBuysMoreOfTheAuthorItAlreadyBought() {
        List<DemoBook> catalog = BookCsv.readDemoCatalog();
        Map<String, DemoBook> byId = catalog.stream().collect(Collectors.toMap(DemoBook::itemId, b -> b));
        Set<String> ids = new HashSet<>();
        for (DemoUser user : DemoUsers.all(catalog)) {
            List<EventInput> events = DemoEvents.of(user, catalog);
            assertThat(events).as(user.userId()).hasSize(4);
            @SuppressWarnings("unchecked")
            List<String> purchased = (List<String>) user.attributes().get("purchased");
            String author = byId.get(purchased.get(0)).authors().get(0);
            for (EventInput e : events) {
                assertThat(ids.add(e.eventId())).as("event ids unique across users").isTrue();
                assertThat(byId.get(e.itemId()).authors()).contains(author);
                assertThat(purchased).doesNotContain(e.itemId());
            }
            assertThat(events.stream().map(EventInput::type)).containsExactly("view", "view", "purchase", "rating");
            // Stable: seeding again sends the same ids, which the service answers as duplicates.
            assertThat(DemoEvents.of(user, catalog)).isEqualTo(events);
        }
    }
}
