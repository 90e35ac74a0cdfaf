package com.example.profiles.event;

import java.math.BigDecimal;

/** An event as read back from the events table. */
public record StoredEvent(String userId, String eventId, String type, String itemId, BigDecimal value,
        String occurredAt, String recordedAt) {
}
