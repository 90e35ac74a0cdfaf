package com.example.profiles.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.example.profiles.event.EventInput;

/**
 * A few behaviour events per demo user, so that the events history, {@code exclude=seen} and the
 * training export have something to show: two more books by the author the user already bought
 * are viewed, the first of them is then bought and rated. Ids are fixed, so seeding twice changes
 * nothing (the second time every event is a duplicate).
 */
public final class DemoEvents {

    private DemoEvents() {
    }

    @SuppressWarnings("unchecked")
    public static List<EventInput> of(DemoUser user, List<DemoBook> catalog) {
        List<String> purchased = (List<String>) user.attributes().get("purchased");
        if (purchased == null || purchased.isEmpty()) {
            return List.of();
        }
        DemoBook bought = catalog.stream().filter(b -> b.itemId().equals(purchased.get(0))).findFirst().orElse(null);
        if (bought == null || bought.authors().isEmpty()) {
            return List.of();
        }
        String author = bought.authors().get(0);
        List<String> next = new ArrayList<>();
        for (DemoBook b : catalog) {
            if (next.size() < 2 && b.authors().contains(author) && !purchased.contains(b.itemId())) {
                next.add(b.itemId());
            }
        }
        List<EventInput> events = new ArrayList<>();
        String prefix = "demo-" + user.userId() + "-";
        for (int i = 0; i < next.size(); i++) {
            events.add(new EventInput(prefix + "view-" + i, "view", next.get(i), null, null));
        }
        if (!next.isEmpty()) {
            events.add(new EventInput(prefix + "purchase-0", "purchase", next.get(0), null, null));
            events.add(new EventInput(prefix + "rating-0", "rating", next.get(0), BigDecimal.valueOf(5), null));
        }
        return events;
    }
}
