package com.example.profiles.event;

import java.util.Locale;

/**
 * What became of one event of a request, in request order.
 *
 * @param attribution for an event that carried a {@code recommendation_id} and was stored (now or before):
 *                    attributed, off_page or ignored; else null
 * @param detail      why it was rejected, or what its attribution needs said
 */
public record EventOutcome(String eventId, Status status, String detail, String attribution) {

    public enum Status {
        /** Stored and summarized now. */
        APPLIED,
        /** An event with this id was stored before; nothing changed. */
        DUPLICATE,
        /** Not stored, for the reason in {@code detail}. */
        REJECTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static EventOutcome applied(String eventId) {
        return new EventOutcome(eventId, Status.APPLIED, null, null);
    }

    public static EventOutcome duplicate(String eventId) {
        return new EventOutcome(eventId, Status.DUPLICATE, null, null);
    }

    public static EventOutcome rejected(String eventId, String detail) {
        return new EventOutcome(eventId, Status.REJECTED, detail, null);
    }
}
