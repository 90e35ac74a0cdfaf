package com.example.profiles.event;

import java.math.BigDecimal;

/**
 * One event as the caller wrote it, its JSON already shape-checked: strings are strings, the value
 * a number, the position a positive integer. {@link EventRules} decides whether it is acceptable.
 *
 * @param occurredAt       RFC 3339 text, or null for the server time
 * @param recommendationId the id of the answer that showed the item, or null
 * @param position         where that answer showed it (1-based), or null
 */
public record EventInput(String eventId, String type, String itemId, BigDecimal value, String occurredAt,
                         String recommendationId, Integer position) {

    public EventInput(String eventId, String type, String itemId, BigDecimal value, String occurredAt) {
        this(eventId, type, itemId, value, occurredAt, null, null);
    }
}
