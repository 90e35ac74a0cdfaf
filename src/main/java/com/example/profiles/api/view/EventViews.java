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
                    .map(o -> new Result(o.eventId(), o.status().label(), o.detail()))
                    .toList());
        }
    }

    @Schema(name = "EventResult")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "event_id", "status", "detail" })
    @RegisterForReflection
    public record Result(
            @JsonProperty("event_id") String eventId,
            @Schema(enumeration = { "applied", "duplicate", "rejected" }) @JsonProperty("status") String status,
            @Schema(description = "Why the event was rejected.") @JsonProperty("detail") String detail) {
    }

    @Schema(name = "Event", description = "A stored behaviour event.")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "user_id", "event_id", "type", "item_id", "value", "occurred_at", "recorded_at" })
    @RegisterForReflection
    public record Event(
            @JsonProperty("user_id") String userId,
            @JsonProperty("event_id") String eventId,
            @JsonProperty("type") String type,
            @JsonProperty("item_id") String itemId,
            @JsonProperty("value") BigDecimal value,
            @Schema(format = "date-time") @JsonProperty("occurred_at") String occurredAt,
            @Schema(format = "date-time") @JsonProperty("recorded_at") String recordedAt) {
        public static Event of(StoredEvent e) {
            return new Event(e.userId(), e.eventId(), e.type(), e.itemId(), e.value(), e.occurredAt(), e.recordedAt());
        }
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
