package com.example.profiles.event;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.profile.ProfileSchema;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The bounded summary of a user's behaviour kept in the profile item, so that a recommendation
 * reads it in the same GetItem as the features: purchased item ids (a return removes one), the
 * last viewed item ids by event time, and counts per type. Immutable; {@link #apply} answers the
 * summary after one more event. {@code seq} counts the events applied and guards the
 * read-modify-write: a summary is only written over the one it was computed from.
 */
public record EventSummary(Map<String, String> purchased, List<View> recentViews, Map<String, Long> counts, long seq) {

    public static final String PURCHASE = "purchase";
    public static final String RETURN = "return";
    public static final String VIEW = "view";

    /** A viewed item and when. */
    public record View(String itemId, String occurredAt) {
    }

    public static final EventSummary EMPTY = new EventSummary(Map.of(), List.of(), Map.of(), 0);

    /** The summary stored in a raw profile item (absent parts are empty). */
    public static EventSummary of(Map<String, AttributeValue> item) {
        Map<String, String> purchased = new LinkedHashMap<>();
        AttributeValue p = item.get(ProfileSchema.PURCHASED_ITEMS);
        if (p != null && p.hasM()) {
            p.m().forEach((id, at) -> purchased.put(id, at.s() == null ? "" : at.s()));
        }
        List<View> views = new ArrayList<>();
        AttributeValue v = item.get(ProfileSchema.RECENT_VIEWS);
        if (v != null && v.hasL()) {
            for (AttributeValue view : v.l()) {
                if (view.hasM() && view.m().containsKey(EventSchema.ITEM_ID)) {
                    AttributeValue at = view.m().get(EventSchema.OCCURRED_AT);
                    views.add(new View(view.m().get(EventSchema.ITEM_ID).s(), at == null ? "" : at.s()));
                }
            }
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        AttributeValue c = item.get(ProfileSchema.EVENT_COUNTS);
        if (c != null && c.hasM()) {
            c.m().forEach((type, n) -> counts.put(type, Long.parseLong(n.n())));
        }
        AttributeValue seq = item.get(ProfileSchema.EVENTS_SEQ);
        return new EventSummary(purchased, views, counts, seq == null ? 0 : Long.parseLong(seq.n()));
    }

    /** The summary after {@code event}, keeping at most {@code maxViews} views and {@code maxPurchased} purchases. */
    public EventSummary apply(BehaviourEvent event, int maxViews, int maxPurchased) {
        String at = EventSchema.time(event.occurredAt());
        Map<String, String> nextPurchased = new LinkedHashMap<>(purchased);
        List<View> nextViews = recentViews;
        switch (event.type()) {
            case PURCHASE -> {
                nextPurchased.merge(event.itemId(), at, (old, now) -> old.compareTo(now) >= 0 ? old : now);
                while (nextPurchased.size() > maxPurchased) {
                    String oldest = nextPurchased.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
                    nextPurchased.remove(oldest);
                }
            }
            case RETURN -> nextPurchased.remove(event.itemId());
            case VIEW -> nextViews = withView(new View(event.itemId(), at), maxViews);
            default -> {
            }
        }
        Map<String, Long> nextCounts = new LinkedHashMap<>(counts);
        nextCounts.merge(event.type(), 1L, Long::sum);
        return new EventSummary(nextPurchased, nextViews, nextCounts, seq + 1);
    }

    /** One view per item (its latest), newest first, at most {@code max}. */
    private List<View> withView(View view, int max) {
        Map<String, View> latest = new LinkedHashMap<>();
        List<View> all = new ArrayList<>(recentViews);
        all.add(view);
        for (View v : all) {
            latest.merge(v.itemId(), v, (a, b) -> a.occurredAt().compareTo(b.occurredAt()) >= 0 ? a : b);
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(View::occurredAt).reversed())
                .limit(max)
                .toList();
    }

    /** SETs the whole summary (it is small and bounded; rewriting it keeps the update one expression). */
    void writeTo(ExpressionBuilder expression) {
        Map<String, AttributeValue> p = new LinkedHashMap<>();
        purchased.forEach((id, at) -> p.put(id, AttributeValue.fromS(at)));
        expression.set(expression.name(ProfileSchema.PURCHASED_ITEMS), expression.value(AttributeValue.fromM(p)));
        List<AttributeValue> views = recentViews.stream()
                .map(v -> AttributeValue.fromM(Map.of(EventSchema.ITEM_ID, AttributeValue.fromS(v.itemId()),
                        EventSchema.OCCURRED_AT, AttributeValue.fromS(v.occurredAt()))))
                .toList();
        expression.set(expression.name(ProfileSchema.RECENT_VIEWS), expression.value(AttributeValue.fromL(views)));
        Map<String, AttributeValue> c = new LinkedHashMap<>();
        counts.forEach((type, n) -> c.put(type, AttributeValue.fromN(Long.toString(n))));
        expression.set(expression.name(ProfileSchema.EVENT_COUNTS), expression.value(AttributeValue.fromM(c)));
        expression.set(expression.name(ProfileSchema.EVENTS_SEQ), expression.value(AttributeValue.fromN(Long.toString(seq))));
    }
}
