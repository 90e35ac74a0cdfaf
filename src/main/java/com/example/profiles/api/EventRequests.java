package com.example.profiles.api;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventInput;
import com.example.profiles.event.EventRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Parses a {@code POST /v1/users/{id}/events} body. A body whose shape is wrong (not an object,
 * 0 or more than 100 events, an event that is not an object, a missing or malformed
 * {@code event_id}, one id twice, a field of the wrong JSON type) is refused as a whole with 400;
 * an event that is well formed but unacceptable (unknown type, time too far ahead) is rejected
 * alone by the service.
 */
final class EventRequests {

    static final int MAX_EVENTS = 100;
    private static final Set<String> FIELDS = Set.of("event_id", "type", "item_id", "value", "occurred_at");

    private EventRequests() {
    }

    static List<EventInput> parse(byte[] body, int maxBytes) {
        ObjectNode json = StrictJson.parseObject(body, maxBytes);
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
                            + "'; expected event_id, type, item_id, value, occurred_at");
                }
            });
            String eventId = text(event, "event_id", at, true);
            if (!EventRules.isEventId(eventId)) {
                throw ProblemException.badRequest(at + ".event_id must be 1..128 characters of A-Z a-z 0-9 . _ : @ -");
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
            inputs.add(new EventInput(eventId, text(event, "type", at, true), text(event, "item_id", at, true), number,
                    text(event, "occurred_at", at, false)));
        }
        return inputs;
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
