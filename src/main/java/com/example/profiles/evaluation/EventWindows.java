package com.example.profiles.evaluation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.profiles.event.BehaviourEvent;
import com.example.profiles.event.EventSummary;
import com.example.profiles.event.StoredEvent;

/**
 * What an evaluation needs of the stored events, folded in one pass in any order: per user, the items of the
 * evaluated types in the window {@code (cutoff, until]} (the relevant items), and the purchases and returns up to
 * the cutoff (to replay the profile's purchased set as it stood then, which {@code exclude=seen} leaves out); per
 * item, how many events of the evaluated types it had up to the cutoff (the popularity baseline). Times are the
 * store's fixed-width text, so text order is time order.
 */
public final class EventWindows {

    /** An event that shapes the purchased set, kept until the replay. */
    private record Shaping(String occurredAt, String eventId, String type, String itemId) {
    }

    private static final Comparator<Shaping> EVENT_ORDER =
            Comparator.comparing(Shaping::occurredAt).thenComparing(Shaping::eventId);

    private final String cutoff;
    private final String until;
    private final Set<String> types;
    private final Map<String, Long> popularity = new HashMap<>();
    private final Map<String, Set<String>> relevant = new HashMap<>();
    private final Map<String, List<Shaping>> shaping = new HashMap<>();

    /**
     * @param cutoff the cutoff as stored text; events at it count as before
     * @param until  the window's inclusive end as stored text
     * @param types  the evaluated event types
     */
    public EventWindows(String cutoff, String until, Set<String> types) {
        this.cutoff = cutoff;
        this.until = until;
        this.types = Set.copyOf(types);
    }

    /** The types a scan must read: the evaluated ones, and those that shape the purchased set. */
    public static List<String> scannedTypes(Set<String> types) {
        Set<String> all = new TreeSet<>(types);
        all.add(EventSummary.PURCHASE);
        all.add(EventSummary.RETURN);
        return List.copyOf(all);
    }

    public void add(StoredEvent event) {
        String at = event.occurredAt();
        if (at == null || at.compareTo(until) > 0) {
            return;
        }
        boolean evaluated = types.contains(event.type());
        if (at.compareTo(cutoff) > 0) {
            if (evaluated) {
                relevant.computeIfAbsent(event.userId(), u -> new LinkedHashSet<>()).add(event.itemId());
            }
            return;
        }
        if (evaluated) {
            popularity.merge(event.itemId(), 1L, Long::sum);
        }
        if (EventSummary.PURCHASE.equals(event.type()) || EventSummary.RETURN.equals(event.type())) {
            shaping.computeIfAbsent(event.userId(), u -> new ArrayList<>())
                    .add(new Shaping(at, event.eventId(), event.type(), event.itemId()));
        }
    }

    /** The users with at least one event of the evaluated types in the window. */
    public Set<String> users() {
        return relevant.keySet();
    }

    /** The user's relevant items; empty for a user without any. */
    public Set<String> relevant(String userId) {
        return relevant.getOrDefault(userId, Set.of());
    }

    /**
     * The items the user's profile listed as purchased at the cutoff: the purchases and returns up to it replayed
     * in event order through the profile's own summary, with the same cap.
     */
    public Set<String> seen(String userId, int maxPurchased) {
        List<Shaping> events = shaping.get(userId);
        if (events == null) {
            return Set.of();
        }
        events.sort(EVENT_ORDER);
        EventSummary summary = EventSummary.EMPTY;
        for (Shaping e : events) {
            summary = summary.apply(new BehaviourEvent(e.eventId(), e.type(), e.itemId(), null,
                    Instant.parse(e.occurredAt())), 0, maxPurchased);
        }
        return summary.purchased().keySet();
    }

    /** Events of the evaluated types up to the cutoff, per row of {@code itemIds}. */
    public double[] popularity(String[] itemIds) {
        double[] counts = new double[itemIds.length];
        for (int row = 0; row < itemIds.length; row++) {
            counts[row] = popularity.getOrDefault(itemIds[row], 0L);
        }
        return counts;
    }
}
