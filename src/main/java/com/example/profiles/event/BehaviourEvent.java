package com.example.profiles.event;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One validated behaviour event of a user.
 *
 * @param value optional number the event carries (a rating); null when absent
 */
public record BehaviourEvent(String eventId, String type, String itemId, BigDecimal value, Instant occurredAt) {
}
