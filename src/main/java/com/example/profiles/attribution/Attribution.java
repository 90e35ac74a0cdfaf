package com.example.profiles.attribution;

import java.util.Locale;

/**
 * What an event's {@code recommendation_id} made of it. Attributed and off-page events name the answer's model,
 * arm and strategy; an attributed one also its position. An ignored event was still applied; {@code detail}
 * says why it was not attributed.
 *
 * @param position  the item's 1-based position in the answer's ranking (offset included), or null
 * @param servedAt  when the answer was served (epoch seconds), or 0 when ignored
 * @param answerKey a short unique key of the answer (its MAC), or null when ignored
 */
public record Attribution(Status status, String detail, String recommendationId, String model, String arm,
                          String strategy, Integer position, long servedAt, String answerKey) {

    public enum Status {
        /** The id is valid for this user and event, and the answer showed the item. */
        ATTRIBUTED,
        /** The id is valid, but its answer did not show the event's item. */
        OFF_PAGE,
        /** The id cannot be used (forged, altered, expired, another user's, an unknown key); the event still counts. */
        IGNORED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The status of a label, or null. */
        public static Status of(String label) {
            for (Status status : values()) {
                if (status.label().equals(label)) {
                    return status;
                }
            }
            return null;
        }
    }

    static Attribution ignored(String recommendationId, String why) {
        return new Attribution(Status.IGNORED, "recommendation_id ignored: " + why, recommendationId, null, null, null,
                null, 0, null);
    }

    public boolean attributed() {
        return status == Status.ATTRIBUTED;
    }
}
