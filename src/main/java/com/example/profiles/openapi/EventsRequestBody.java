package com.example.profiles.openapi;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.input.Ids;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of an events post (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "EventsRequest", additionalProperties = Schema.False.class)
public record EventsRequestBody(
        @Schema(required = true, minItems = 1, maxItems = 100) @JsonProperty("events") List<EventWrite> events) {

    @Schema(name = "EventWrite", additionalProperties = Schema.False.class)
    public record EventWrite(
            @Schema(required = true, description = "Chosen by the client; a retry with the same id changes nothing.",
                    pattern = Ids.ANCHORED) @JsonProperty("event_id") String eventId,
            @Schema(required = true, description = "view, cart, purchase, rating, return (events.types)")
            @JsonProperty("type") String type,
            @Schema(required = true, pattern = Ids.ANCHORED) @JsonProperty("item_id") String itemId,
            @Schema(description = "e.g. a rating") @JsonProperty("value") BigDecimal value,
            @Schema(format = "date-time", description = "RFC 3339; default: the server time; at most 5 minutes ahead")
            @JsonProperty("occurred_at") String occurredAt,
            @Schema(description = "The `recommendation_id` of the answer that showed the item: the event is then"
                    + " attributed to it (see the result's `attribution`). An id that is not valid never rejects the"
                    + " event.")
            @JsonProperty("recommendation_id") String recommendationId,
            @Schema(minimum = "1", maximum = "1000", description = "Where that answer showed the item (1-based, the"
                    + " request's offset included); optional, needs `recommendation_id`. The id itself knows the"
                    + " page: a wrong position is corrected in the result's `detail`.")
            @JsonProperty("position") Integer position) {
    }
}
