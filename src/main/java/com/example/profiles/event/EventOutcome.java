package com.example.profiles.event;

import java.util.Locale;

/** What became of one event of a request, in request order. */
public record EventOutcome(String eventId, Status status, String detail) {

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
        return new EventOutcome(eventId, Status.APPLIED, null);
    }

    public static EventOutcome duplicate(String eventId) {
        return new EventOutcome(eventId, Status.DUPLICATE, null);
    }

    public static EventOutcome rejected(String eventId, String detail) {
        return new EventOutcome(eventId, Status.REJECTED, detail);
    }
}
