package com.example.profiles.attribution;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides what an event's {@code recommendation_id} makes of it, from the id alone (no store call): the
 * signature under a listed key, the answer's user (for a user's recommendations), the attribution window after
 * the answer was served, and whether the answer showed the event's item.
 */
@ApplicationScoped
public class Attributor {

    /** Longer ids are not ids of this service (k = 1000 makes about 5,400 characters). */
    static final int MAX_ID_LENGTH = 8192;

    private final AttributionKeys keys;
    private final Duration window;
    private final Duration skew;

    public Attributor(AttributionKeys keys, AttributionConfig config,
            @ConfigProperty(name = "events.max-future-skew", defaultValue = "5m") Duration skew) {
        this.keys = keys;
        this.window = config.window();
        this.skew = skew;
    }

    /**
     * @param position   the position the client says the item had, or null
     * @param occurredAt the event's time
     */
    public Attribution attribute(String userId, String recommendationId, Integer position, String itemId,
                                 Instant occurredAt) {
        if (recommendationId.length() > MAX_ID_LENGTH) {
            return Attribution.ignored(cut(recommendationId), "it is longer than any id this service issues");
        }
        AnswerToken.Checked checked = keys.tokens().check(recommendationId);
        if (checked.problem() != null) {
            return Attribution.ignored(recommendationId, checked.problem());
        }
        AnswerToken.Decoded answer = checked.answer();
        if (answer.about() == Answer.About.USER && answer.subjectHash() != Hashes.of(userId)) {
            return Attribution.ignored(recommendationId, "it was issued for another user's recommendations");
        }
        Instant served = Instant.ofEpochSecond(answer.servedAt());
        if (occurredAt.isBefore(served.minus(skew))) {
            return Attribution.ignored(recommendationId, "the event occurred (" + occurredAt + ") before its answer was"
                    + " served (" + served + ")");
        }
        if (occurredAt.isAfter(served.plus(window))) {
            return Attribution.ignored(recommendationId, "the event occurred (" + occurredAt + ") more than " + window
                    .toString().substring(2).toLowerCase() + " after its answer was served (" + served
                    + "): outside the attribution window (recommend.attribution.window)");
        }
        int found = position != null && answer.shows(itemId, position) ? position : answer.positionOf(itemId);
        if (found == 0) {
            int first = answer.offset() + 1;
            return new Attribution(Attribution.Status.OFF_PAGE, "item " + itemId + " was not on the answer's page"
                    + (answer.itemHashes().length == 0 ? " (it was empty)"
                            : " (positions " + first + ".." + (first + answer.itemHashes().length - 1) + ")"),
                    recommendationId, answer.model(), answer.arm(), answer.strategy(), null, answer.servedAt(),
                    answer.key());
        }
        String detail = position != null && position != found
                ? "the answer showed item " + itemId + " at position " + found + ", not " + position : null;
        return new Attribution(Attribution.Status.ATTRIBUTED, detail, recommendationId, answer.model(), answer.arm(),
                answer.strategy(), found, answer.servedAt(), answer.key());
    }

    /**
     * When an answer's first-event marks may go (epoch seconds): an hour after its window closed, when no event
     * can be attributed to it any more.
     */
    public long answerExpiresAt(Attribution attribution) {
        return attribution.servedAt() + window.toSeconds() + 3600;
    }

    private static String cut(String id) {
        return id.substring(0, 64) + "...";
    }
}
