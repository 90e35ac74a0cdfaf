package com.example.profiles.attribution;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import com.example.profiles.dynamo.TableSpec;

/**
 * Layout of the experiment counters. An item counts one thing of one hour in one region: the answers served
 * ({@code served}) per arm, model and strategy, or the events attributed to them per event type ({@code events};
 * {@code answers}, the answers that had at least one such event; and for purchases {@code value} and
 * {@code value_squares}). Its key: partition {@code bucket} = {@code <day>#<shard>}, sort key {@code counter} =
 * {@code <hour>#<region>#served#<arm>#<model>#<strategy>} or {@code <hour>#<region>#event#<arm>#<model>#<strategy>#<type>}.
 * Every item is changed only by atomic {@code ADD}s; the report sums all shards and regions.
 * <ul>
 * <li>The region in the key: each region adds only to its own items, so global tables' last-writer-wins per item
 * never drops another region's additions.</li>
 * <li>The shard: events spread over {@value #SHARDS} items per counter (by event id), so that concurrent event
 * transactions seldom touch the same item (a TransactionConflict), and a day's writes over {@value #SHARDS}
 * partitions. A pod adds its served counts to one shard chosen at start.</li>
 * <li>The day in the partition key: a report of a day reads {@value #SHARDS} partitions with one Query each.</li>
 * </ul>
 */
public final class CounterTable {

    public static final String BUCKET = "bucket";
    public static final String COUNTER = "counter";
    static final int SHARDS = 4;
    static final String SERVED = "served";
    static final String EVENTS = "events";
    static final String ANSWERS = "answers";
    static final String VALUE = "value";
    static final String VALUE_SQUARES = "value_squares";
    static final String HOUR = "hour";
    static final String REGION = "region";
    static final String ARM = "arm";
    static final String MODEL = "model";
    static final String STRATEGY = "strategy";
    static final String TYPE = "type";
    static final String KIND_SERVED = "served";
    static final String KIND_EVENT = "event";

    private static final DateTimeFormatter HOUR_TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH").withZone(ZoneOffset.UTC);

    private CounterTable() {
    }

    public static TableSpec table(String name) {
        return new TableSpec(name, BUCKET, COUNTER, null, null);
    }

    /** {@code 2026-05-01T12} of an epoch hour. */
    static String hourText(long epochHour) {
        return HOUR_TEXT.format(Instant.ofEpochSecond(epochHour * 3600));
    }

    /** {@code 2026-05-01#3}: the partition of an epoch hour's counters in one shard. */
    static String bucket(long epochHour, int shard) {
        return hourText(epochHour).substring(0, 10) + "#" + shard;
    }

    static String served(long epochHour, String region, String arm, String model, String strategy) {
        return String.join("#", hourText(epochHour), region, KIND_SERVED, arm, model, strategy);
    }

    static String event(long epochHour, String region, String arm, String model, String strategy, String type) {
        return String.join("#", hourText(epochHour), region, KIND_EVENT, arm, model, strategy, type);
    }

    /** The shard of an event's counters. */
    static int shard(String eventId) {
        return (int) Long.remainderUnsigned(Hashes.of(eventId), SHARDS);
    }
}
