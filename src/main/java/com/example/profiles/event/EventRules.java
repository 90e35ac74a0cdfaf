package com.example.profiles.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.input.Ids;

/**
 * What an acceptable event is: configured type, ids of the service's id alphabet, an RFC 3339 time
 * no further in the future than the allowed clock skew (and inside the retention, when there is
 * one), a value DynamoDB can store.
 */
@ApplicationScoped
public class EventRules {

    private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
    /** Years outside 0001..9999 have no fixed-width text, and the sort key relies on one. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    private final EventConfig config;
    private final Set<String> types;

    public EventRules(EventConfig config) {
        this.config = config;
        this.types = Set.copyOf(config.types());
    }

    public List<String> types() {
        return config.types();
    }

    /** Why the configured types cannot work, or null when they can. */
    static String typesProblem(List<String> types) {
        if (types.isEmpty()) {
            return "events.types is empty";
        }
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                return "events.types holds '" + type + "'; a type is 1..32 characters of a-z 0-9 _ starting with a letter";
            }
        }
        return null;
    }

    public static boolean isEventId(String id) {
        return Ids.isValid(id);
    }

    /** The event, or an exception whose message says why it is rejected. */
    BehaviourEvent check(EventInput input, Instant now) throws RejectedEvent {
        if (!types.contains(input.type())) {
            throw new RejectedEvent("type must be one of " + String.join(", ", config.types()));
        }
        if (!Ids.isValid(input.itemId())) {
            throw new RejectedEvent("item_id " + Ids.RULE);
        }
        Instant occurredAt = now;
        if (input.occurredAt() != null) {
            try {
                occurredAt = OffsetDateTime.parse(input.occurredAt()).toInstant().truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException e) {
                throw new RejectedEvent("occurred_at must be an RFC 3339 date-time such as 2026-05-01T12:00:00Z");
            }
            if (occurredAt.isBefore(EARLIEST)) {
                throw new RejectedEvent("occurred_at lies before the year 1");
            }
            if (occurredAt.isAfter(now.plus(config.maxFutureSkew()))) {
                throw new RejectedEvent("occurred_at " + input.occurredAt() + " lies more than "
                        + config.maxFutureSkew().toSeconds() + " s in the future (server time " + EventSchema.time(now) + ")");
            }
            if (config.retention().isPresent() && !occurredAt.plus(config.retention().get()).isAfter(now)) {
                throw new RejectedEvent("occurred_at " + input.occurredAt() + " is older than the events retention of "
                        + config.retention().get());
            }
        }
        BigDecimal value = input.value();
        if (value != null && !isStorable(value)) {
            throw new RejectedEvent("value is a number DynamoDB cannot store (at most 38 significant digits,"
                    + " magnitude 1E-130 to 1E+126)");
        }
        return new BehaviourEvent(input.eventId(), input.type(), input.itemId(), value, occurredAt);
    }

    /** The event's TTL in epoch seconds, or null without an events retention. */
    Long expiresAt(BehaviourEvent event) {
        return config.retention().map(r -> event.occurredAt().plus(r).getEpochSecond()).orElse(null);
    }

    private static boolean isStorable(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return stripped.precision() <= 38 && exponent >= -130 && exponent <= 125;
    }

    /** An event that is not stored; the message is the {@code detail} of its result. */
    static final class RejectedEvent extends Exception {
        RejectedEvent(String detail) {
            super(detail, null, false, false);
        }
    }
}
