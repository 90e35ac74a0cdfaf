package com.example.profiles.event;

import java.math.BigDecimal;

/**
 * One event as the caller wrote it, its JSON already shape-checked: strings are strings, the value
 * a number. {@link EventRules} decides whether it is acceptable.
 *
 * @param occurredAt RFC 3339 text, or null for the server time
 */
public record EventInput(String eventId, String type, String itemId, BigDecimal value, String occurredAt) {
}
