package com.example.profiles.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.attribution.Attribution;
import com.example.profiles.attribution.AttributionMetrics;
import com.example.profiles.attribution.Attributor;
import com.example.profiles.attribution.CounterStore;
import com.example.profiles.attribution.RevenueValues;
import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.ProfileRow;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Records a user's behaviour events: each valid event is stored and summarized in the profile in
 * one transaction, in request order, so that the summary's read-modify-write never races a sibling
 * of the same request. A retry of a request is safe: events already stored answer
 * {@code duplicate} and change nothing.
 */
@ApplicationScoped
public class EventService {

    /** Summary conflicts (a concurrent writer of the same user) retried per event before giving up on it. */
    private static final int ATTEMPTS = 5;
    /** The event type whose value is revenue. */
    static final String PURCHASE = "purchase";

    private final EventStore store;
    private final ProfileRow profiles;
    private final EventRules rules;
    private final EventConfig config;
    private final EventMetrics metrics;
    private final Attributor attributor;
    private final CounterStore counters;
    private final AttributionMetrics attributed;

    public EventService(EventStore store, ProfileRow profiles, EventRules rules, EventConfig config, EventMetrics metrics,
                        Attributor attributor, CounterStore counters, AttributionMetrics attributed) {
        this.store = store;
        this.profiles = profiles;
        this.rules = rules;
        this.config = config;
        this.metrics = metrics;
        this.attributor = attributor;
        this.counters = counters;
        this.attributed = attributed;
    }

    /**
     * One outcome per input, in input order. Fails with 404 when the user has no profile (or only an
     * expired one), and with 422 when no event of the request is acceptable.
     */
    public Uni<List<EventOutcome>> record(String userId, List<EventInput> inputs) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventOutcome[] outcomes = new EventOutcome[inputs.size()];
        List<Integer> valid = new ArrayList<>();
        List<BehaviourEvent> events = new ArrayList<>();
        List<Attribution> attributions = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            try {
                EventInput input = inputs.get(i);
                BehaviourEvent event = rules.check(input, now);
                events.add(event);
                // decided from the id alone (its signature, user, window and page), before anything is written
                attributions.add(input.recommendationId() == null ? null : attributor.attribute(userId,
                        input.recommendationId(), input.position(), event.itemId(), event.occurredAt()));
                valid.add(i);
            } catch (EventRules.RejectedEvent e) {
                outcomes[i] = EventOutcome.rejected(inputs.get(i).eventId(), e.getMessage());
            }
        }
        if (events.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            for (EventOutcome outcome : outcomes) {
                reasons.add(outcome.eventId() + ": " + outcome.detail());
            }
            Arrays.stream(outcomes).forEach(metrics::count);
            return Uni.createFrom().failure(ProblemException.unprocessable(
                    "no event of the request can be stored; " + String.join("; ", reasons)));
        }
        return profiles.live(userId, now).flatMap(item -> {
            if (item == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no profile with id " + userId));
            }
            EventSummary[] summary = { EventSummary.of(item) };
            return Multi.createFrom().range(0, events.size())
                    .onItem().transformToUniAndConcatenate(n -> apply(userId, events.get(n), attributions.get(n), true,
                            summary, now, 1)
                            .invoke(outcome -> outcomes[valid.get(n)] = outcome))
                    .collect().last()
                    .map(ignored -> {
                        List<EventOutcome> answer = List.of(outcomes);
                        answer.forEach(metrics::count);
                        return answer;
                    });
        });
    }

    /**
     * @param attribution   what the event's recommendation id made of it, or null
     * @param firstOfAnswer whether to count the event as its answer's first of its type (until the store says
     *                      the answer had one)
     * @param summary       the summary last read or written, updated in place after a successful write
     */
    private Uni<EventOutcome> apply(String userId, BehaviourEvent event, Attribution attribution, boolean firstOfAnswer,
                                    EventSummary[] summary, Instant now, int attempt) {
        EventSummary next = summary[0].apply(event, config.recentViews(), config.maxPurchased());
        BigDecimal value = PURCHASE.equals(event.type()) ? RevenueValues.summable(event.value()) : null;
        EventStore.Attributing attributing = attribution == null ? null : new EventStore.Attributing(attribution,
                attribution.attributed() ? counters.countEvent(attribution, event.type(), event.eventId(), value,
                        firstOfAnswer) : null,
                firstOfAnswer, attributor.answerExpiresAt(attribution));
        return store.write(userId, event, attributing, summary[0], next, rules.expiresAt(event), now).flatMap(written -> {
            if (written == EventStore.Written.APPLIED) {
                summary[0] = next;
                if (attribution == null) {
                    return Uni.createFrom().item(EventOutcome.applied(event.eventId()));
                }
                if (attribution.attributed()) {
                    attributed.attributed(attribution, event.type(), firstOfAnswer, value == null ? 0 : value.doubleValue());
                }
                return Uni.createFrom().item(new EventOutcome(event.eventId(), EventOutcome.Status.APPLIED,
                        attribution.detail(), attribution.status().label()));
            }
            if (written == EventStore.Written.ANSWER_SEEN) {
                // the answer had an event of this type already: count the event, not the answer again
                return apply(userId, event, attribution, false, summary, now, attempt);
            }
            return store.stored(userId, event.eventId()).flatMap(stored -> {
                if (stored.exists()) {
                    return Uni.createFrom().item(new EventOutcome(event.eventId(), EventOutcome.Status.DUPLICATE, null,
                            stored.attribution()));
                }
                return profiles.live(userId, now).flatMap(item -> {
                    if (item == null) {
                        return Uni.createFrom().item(EventOutcome.rejected(event.eventId(),
                                "the profile was deleted while the request ran"));
                    }
                    summary[0] = EventSummary.of(item);
                    if (attempt >= ATTEMPTS) {
                        return Uni.createFrom().item(EventOutcome.rejected(event.eventId(),
                                "the profile's summary kept changing under concurrent writes; retry the event"));
                    }
                    return apply(userId, event, attribution, firstOfAnswer, summary, now, attempt + 1);
                });
            });
        });
    }

    /** One page of the user's history; 404 when the user has no (unexpired) profile. */
    public Uni<EventPage> history(String userId, EventQuery query) {
        Instant now = Instant.now();
        return profiles.live(userId, now).flatMap(item -> {
            if (item == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no profile with id " + userId));
            }
            return store.page(userId, query, now);
        });
    }
}
