package com.example.profiles.api.view;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.event.EventOutcome;
import com.example.profiles.event.EventPage;
import com.example.profiles.event.StoredEvent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The JSON shapes of the events endpoints. */
public final class EventViews {

    private EventViews() {
    }

    @Schema(name = "EventResults")
    @RegisterForReflection
    public record Results(@JsonProperty("results") List<Result> results) {
        public static Results of(List<EventOutcome> outcomes) {
            return new Results(outcomes.stream()
                    .map(o -> new Result(o.eventId(), o.status().label(), o.attribution(), o.detail()))
                    .toList());
        }
    }

    @Schema(name = "EventResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "event_id", "status", "attribution", "detail" })
    @RegisterForReflection
    public record Result(
            @JsonProperty("event_id") String eventId,
            @Schema(enumeration = { "applied", "duplicate", "rejected" }) @JsonProperty("status") String status,
            @Schema(enumeration = { "attributed", "off_page", "ignored" }, description = """
                    For an event that carried a `recommendation_id` and is stored (now, or before for a duplicate):
                    `attributed` (the id is valid for this user, the event occurred within
                    recommend.attribution.window after the answer, and the answer showed the item: the event counts
                    for the answer's model, arm and strategy), `off_page` (valid, but the answer did not show the
                    item: stored with the answer's model, not counted) or `ignored` (forged, altered, expired,
                    another user's, or signed with a key no longer listed: the event is applied all the same, and
                    `detail` says why).""")
            @JsonProperty("attribution") String attribution,
            @Schema(description = "Why the event was rejected, or what its attribution needs said.")
            @JsonProperty("detail") String detail) {
    }

    @Schema(name = "Event", description = "A stored behaviour event.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "user_id", "event_id", "type", "item_id", "value", "occurred_at", "recorded_at",
            "recommendation_id", "attribution", "attributed_to" })
    @RegisterForReflection
    public record Event(
            @JsonProperty("user_id") String userId,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("type") String type,
            @JsonProperty("item_id") String itemId,
            @JsonProperty("value") BigDecimal value,
            @Schema(format = "date-time") @JsonProperty("occurred_at") String occurredAt,
            @Schema(format = "date-time") @JsonProperty("recorded_at") String recordedAt,
            @Schema(description = "The answer id the event carried.") @JsonProperty("recommendation_id") String recommendationId,
            @Schema(enumeration = { "attributed", "off_page", "ignored" }) @JsonProperty("attribution") String attribution,
            @Schema(description = "The answer's model, arm and strategy (attributed and off_page), and the item's"
                    + " position (attributed).") @JsonProperty("attributed_to") AttributedTo attributedTo) {
        public static Event of(StoredEvent e) {
            StoredEvent.Attributed a = e.attribution();
            return new Event(e.userId(), e.eventId(), e.type(), e.itemId(), e.value(), e.occurredAt(), e.recordedAt(),
                    a == null ? null : a.recommendationId(), a == null ? null : a.status(),
                    a == null || a.model() == null ? null : new AttributedTo(a.model(), a.arm(), a.strategy(), a.position()));
        }
    }

    @Schema(name = "AttributedTo")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @RegisterForReflection
    public record AttributedTo(
            @Schema(description = "The model that scored the answer.") @JsonProperty("model") String model,
            @Schema(description = "The model the split (or the request) assigned.") @JsonProperty("arm") String arm,
            @JsonProperty("strategy") String strategy,
            @Schema(description = "1-based, offset included.") @JsonProperty("position") Integer position) {
    }

    @Schema(name = "EventPage")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @RegisterForReflection
    public record Page(
            @JsonProperty("events") List<Event> events,
            @Schema(nullable = true, description = "Pass as `cursor` for the next page; null on the last page.")
            @JsonProperty("next") String next) {
        public static Page of(EventPage page) {
            return new Page(page.events().stream().map(Event::of).toList(), page.next());
        }
    }
}
