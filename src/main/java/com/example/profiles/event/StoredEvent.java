package com.example.profiles.event;

import java.math.BigDecimal;

/**
 * An event as read back from the events table.
 *
 * @param attribution what its {@code recommendation_id} made of it, or null when it carried none
 */
public record StoredEvent(String userId, String eventId, String type, String itemId, BigDecimal value,
        String occurredAt, String recordedAt, Attributed attribution) {

    /**
     * The stored attribution: the id as sent, its status (attributed, off_page, ignored), and for a valid id the
     * answer's model, arm and strategy (and, attributed, the item's position).
     */
    public record Attributed(String recommendationId, String status, String model, String arm, String strategy,
                             Integer position) {
    }
}
