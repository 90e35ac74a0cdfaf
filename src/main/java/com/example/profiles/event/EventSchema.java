package com.example.profiles.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.input.Ids;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Layout of the events table. An event is keyed {@code user_id} + {@code event_key}, where the
 * sort key is {@code <occurred_at>#<event_id>} with a fixed-width UTC time, so that the key orders
 * by event time, then id. Beside each event lies its idempotency guard, keyed
 * {@code ~id#<event_id>}: written in the same transaction, it refuses a second copy of the event
 * even when the copy names another time. {@code ~} sorts after every digit, so range queries over
 * times never meet a guard.
 */
public final class EventSchema {

    public static final String USER_ID = "user_id";
    public static final String EVENT_KEY = "event_key";
    public static final String EVENT_ID = "event_id";
    public static final String TYPE = "type";
    public static final String ITEM_ID = "item_id";
    public static final String VALUE = "value";
    public static final String OCCURRED_AT = "occurred_at";
    public static final String RECORDED_AT = "recorded_at";
    /** The answer id an event carried, and what it made of the event (on the event; the status also on its guard). */
    public static final String RECOMMENDATION_ID = "recommendation_id";
    public static final String ATTRIBUTION = "attribution";
    public static final String ATTRIBUTION_DETAIL = "attribution_detail";
    public static final String ATTRIBUTED_MODEL = "attributed_model";
    public static final String ATTRIBUTED_ARM = "attributed_arm";
    public static final String ATTRIBUTED_STRATEGY = "attributed_strategy";
    public static final String POSITION = "position";
    /** DynamoDB TTL attribute (epoch seconds) when events have a retention. */
    public static final String EXPIRES_AT = "expires_at";

    /** Every key of a guard starts with this; no event key does (those start with a year). */
    static final String GUARD_PREFIX = "~id#";
    /**
     * Keys of an answer's first event of a type: {@code ~ans#<answer>#<type>}, written with that event, so that the
     * answers with at least one event are counted once each. Like guards, they have no {@code type} attribute
     * (scans of events leave them out) and sort after every event key.
     */
    static final String ANSWER_PREFIX = "~ans#";
    /** Upper bound of all event keys, below every guard key. */
    static final String EVENTS_END = "~";

    private EventSchema() {
    }

    public static TableSpec table(String name) {
        return new TableSpec(name, USER_ID, EVENT_KEY, null, EXPIRES_AT);
    }

    /** The canonical text of an event time, as stored and answered (millisecond precision, fixed width: text order is time order). */
    public static String time(Instant instant) {
        return com.example.profiles.profile.ProfileTimes.text(instant);
    }

    static String eventKey(Instant occurredAt, String eventId) {
        return time(occurredAt) + "#" + eventId;
    }

    static String guardKey(String eventId) {
        return GUARD_PREFIX + eventId;
    }

    static String answerKey(String answer, String type) {
        return ANSWER_PREFIX + answer + "#" + type;
    }

    static Map<String, AttributeValue> key(String userId, String eventKey) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(USER_ID, AttributeValue.fromS(userId));
        key.put(EVENT_KEY, AttributeValue.fromS(eventKey));
        return key;
    }

    /** Whether a sort key read back from the table (or a cursor) is an event's, not a guard's. */
    static boolean isEventKey(String eventKey) {
        return EVENT_KEY_SHAPE.matcher(eventKey).matches();
    }

    private static final java.util.regex.Pattern EVENT_KEY_SHAPE = java.util.regex.Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z#" + Ids.PATTERN);
}
