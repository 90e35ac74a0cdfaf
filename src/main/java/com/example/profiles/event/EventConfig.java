package com.example.profiles.event;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Behaviour events: their table, the types accepted, the summary kept in the profile and how long
 * events live. Every key is overridable by environment variable, e.g. {@code events.table} as
 * {@code EVENTS_TABLE}, {@code events.types} as {@code EVENTS_TYPES}.
 */
@ConfigMapping(prefix = "events")
public interface EventConfig {

    /** DynamoDB table of the events (key {@code user_id} + {@code event_key}). */
    @WithDefault("UserEvents")
    String table();

    /**
     * Accepted event types. {@code view}, {@code purchase} and {@code return} also shape the
     * profile's summary (recent views, purchased set); every type is counted.
     */
    @WithDefault("view,cart,purchase,rating,return")
    List<String> types();

    /** How many recently viewed item ids the profile keeps, newest first. */
    @WithDefault("20")
    int recentViews();

    /** Most purchased item ids the profile keeps; beyond it the oldest purchases are dropped from the summary. */
    @WithDefault("1000")
    int maxPurchased();

    /** How far in the future an {@code occurred_at} may lie (clock skew of the callers). */
    @WithDefault("5m")
    Duration maxFutureSkew();

    /** How long an event is kept (a DynamoDB TTL on each event); absent keeps events for ever. */
    Optional<Duration> retention();

    /** Events per page of {@code GET /v1/users/{id}/events} when {@code limit} is absent, and the most allowed. */
    Page page();

    interface Page {
        @WithDefault("50")
        int defaultSize();

        @WithDefault("500")
        int maxSize();
    }
}
