package com.example.profiles.api.request;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventInput;
import com.example.profiles.event.EventQuery;
import com.example.profiles.input.Ids;
import com.example.profiles.input.Integers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The requests of a user's events: a {@code POST /v1/users/{id}/events} body, and a page of the events
 * (whose time range the training export shares, {@link TimeRangeQuery}). A body whose shape is
 * wrong (not an object, 0 or more than 100 events, an event that is not an object, a missing or malformed
 * {@code event_id}, one id twice, a field of the wrong JSON type) is refused as a whole with 400; an event that
 * is well formed but unacceptable (unknown type, time too far ahead) is rejected alone by the service.
 */
@ApplicationScoped
public class EventRequests {

    static final int MAX_EVENTS = 100;
    private static final Set<String> FIELDS = Set.of("event_id", "type", "item_id", "value", "occurred_at",
            "recommendation_id", "position");
    /** Positions an answer can have: k + offset is at most 1000. */
    static final int MAX_POSITION = 1000;

    private final ApiConfig api;
    private final EventConfig config;

    public EventRequests(ApiConfig api, EventConfig config) {
        this.api = api;
        this.config = config;
    }

    /** A page of one user's events: {@code type} one of the configured types, {@code limit} within the page bound. */
    public EventQuery history(TimeRangeQuery range, String type, String limit, String cursor) {
        int size = Integers.inRange("limit", limit, config.page().defaultSize(), 1, config.page().maxSize());
        TimeRangeQuery.Range window = range.range();
        if (type != null && !type.isEmpty() && !config.types().contains(type)) {
            throw ProblemException.badRequest("type must be one of " + String.join(", ", config.types()));
        }
        return new EventQuery(type == null || type.isEmpty() ? null : type, window.since(), window.until(), size,
                cursor == null || cursor.isEmpty() ? null : cursor);
    }

    /** The events of a POST body, in request order. */
    public List<EventInput> events(byte[] body) {
        ObjectNode json = StrictJson.parseObject(body, api.maxBodyBytes());
        json.fieldNames().forEachRemaining(field -> {
            if (!field.equals("events")) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected events");
            }
        });
        JsonNode events = json.get("events");
        if (events == null || !events.isArray()) {
            throw ProblemException.badRequest("events must be an array of event objects");
        }
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw ProblemException.badRequest("events must hold 1.." + MAX_EVENTS + " events, not " + events.size());
        }
        List<EventInput> inputs = new ArrayList<>(events.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String at = "events[" + i + "]";
            JsonNode event = events.get(i);
            if (!event.isObject()) {
                throw ProblemException.badRequest(at + " must be an object");
            }
            event.fieldNames().forEachRemaining(field -> {
                if (!FIELDS.contains(field)) {
                    throw ProblemException.badRequest(at + " has an unknown field '" + field
                            + "'; expected event_id, type, item_id, value, occurred_at, recommendation_id, position");
                }
            });
            String eventId = text(event, "event_id", at, true);
            if (!Ids.isValid(eventId)) {
                throw ProblemException.badRequest(at + ".event_id " + Ids.RULE);
            }
            if (!ids.add(eventId)) {
                throw ProblemException.badRequest(at + ".event_id " + eventId + " appears twice in the request");
            }
            JsonNode value = event.get("value");
            BigDecimal number = null;
            if (value != null && !value.isNull()) {
                if (!value.isNumber()) {
                    throw ProblemException.badRequest(at + ".value must be a number");
                }
                number = value.decimalValue();
            }
            String recommendationId = text(event, "recommendation_id", at, false);
            Integer position = position(event, at);
            if (position != null && recommendationId == null) {
                throw ProblemException.badRequest(at + ".position needs the recommendation_id of the answer that showed"
                        + " the item");
            }
            inputs.add(new EventInput(eventId, text(event, "type", at, true), text(event, "item_id", at, true), number,
                    text(event, "occurred_at", at, false), recommendationId, position));
        }
        return inputs;
    }

    /** The 1-based position an answer showed the item at, or null when absent. */
    private static Integer position(JsonNode event, String at) {
        JsonNode node = event.get("position");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_POSITION) {
            throw ProblemException.badRequest(at + ".position must be an integer 1.." + MAX_POSITION
                    + " (the item's place in the answer, offset included)");
        }
        return node.intValue();
    }

    private static String text(JsonNode event, String field, String at, boolean required) {
        JsonNode node = event.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw ProblemException.badRequest(at + "." + field + " is required");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest(at + "." + field + " must be a string");
        }
        return node.textValue();
    }
}
