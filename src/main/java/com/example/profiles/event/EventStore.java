package com.example.profiles.event;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.attribution.Attribution;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.UnprocessedRetry;
import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.ProfileRow;
import com.example.profiles.profile.UserData;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The events table, and the profile summary that moves with it. One event is one
 * TransactWriteItems of three writes, all or nothing: the event, its idempotency guard (both only
 * if absent) and the profile's summary (only over the summary it was computed from, as
 * {@link ProfileRow} builds it). Writes and the reads that decide them go to the local replica, like
 * every other write. A user's events are erased with the profile ({@link UserData}).
 */
@ApplicationScoped
public class EventStore implements UserData {

    /** Keys deleted per BatchWriteItem (DynamoDB's limit). */
    private static final int DELETE_BATCH = 25;
    /** Least items a history query evaluates per round trip. */
    private static final int MIN_ROUND = 100;
    /** Keys read per page when erasing a history. */
    private static final int ERASE_PAGE = 100;

    private final RegionRouter regions;
    private final String table;
    private final ProfileRow profiles;
    private final StoreErrors errors = new StoreErrors("events table");

    public EventStore(RegionRouter regions, EventConfig config, ProfileRow profiles) {
        this.regions = regions;
        this.table = config.table();
        this.profiles = profiles;
    }

    /** Outcome of one transaction attempt. */
    enum Written {
        APPLIED,
        /** Some condition failed: a duplicate, a changed summary or a vanished profile; the caller reads to tell. */
        CANCELLED,
        /** Only the answer's first-event mark failed: the answer had an event of this type already. */
        ANSWER_SEEN
    }

    /** What the transaction writes beside the event for its attribution. */
    record Attributing(Attribution attribution, TransactWriteItem counter, boolean firstOfAnswer, long answerExpiresAt) {
    }

    /**
     * @param expected    the summary the new one was computed from
     * @param attributing the attribution stored with the event and, when attributed, its counter and first-event
     *                    mark; null when the event carried no recommendation id
     * @param now         the server time; a profile past its {@code expires_at} counts as absent
     */
    Uni<Written> write(String userId, BehaviourEvent event, Attributing attributing, EventSummary expected,
            EventSummary next, Long expiresAt, Instant now) {
        Map<String, AttributeValue> eventItem = new HashMap<>(EventSchema.key(userId,
                EventSchema.eventKey(event.occurredAt(), event.eventId())));
        eventItem.put(EventSchema.EVENT_ID, AttributeValue.fromS(event.eventId()));
        eventItem.put(EventSchema.TYPE, AttributeValue.fromS(event.type()));
        eventItem.put(EventSchema.ITEM_ID, AttributeValue.fromS(event.itemId()));
        if (event.value() != null) {
            eventItem.put(EventSchema.VALUE, AttributeValue.fromN(event.value().toPlainString()));
        }
        eventItem.put(EventSchema.OCCURRED_AT, AttributeValue.fromS(EventSchema.time(event.occurredAt())));
        eventItem.put(EventSchema.RECORDED_AT, AttributeValue.fromS(EventSchema.time(now)));
        Map<String, AttributeValue> guard = new HashMap<>(EventSchema.key(userId, EventSchema.guardKey(event.eventId())));
        guard.put(EventSchema.EVENT_ID, AttributeValue.fromS(event.eventId()));
        guard.put(EventSchema.OCCURRED_AT, eventItem.get(EventSchema.OCCURRED_AT));
        if (attributing != null) {
            putAttribution(eventItem, attributing.attribution());
            guard.put(EventSchema.ATTRIBUTION, AttributeValue.fromS(attributing.attribution().status().label()));
        }
        if (expiresAt != null) {
            eventItem.put(EventSchema.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
            guard.put(EventSchema.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
        }

        List<TransactWriteItem> items = new ArrayList<>(5);
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(eventItem)
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", EventSchema.USER_ID)).build()).build());
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(guard)
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", EventSchema.USER_ID)).build()).build());
        items.add(TransactWriteItem.builder().update(profiles.summaryUpdate(userId, expected.seq(), now, next::writeTo)).build());
        int mark = -1;
        if (attributing != null && attributing.counter() != null) {
            items.add(attributing.counter());
            if (attributing.firstOfAnswer()) {
                Map<String, AttributeValue> first = new HashMap<>(EventSchema.key(userId,
                        EventSchema.answerKey(attributing.attribution().answerKey(), event.type())));
                first.put(EventSchema.EVENT_ID, AttributeValue.fromS(event.eventId()));
                first.put(EventSchema.EXPIRES_AT, AttributeValue.fromN(Long.toString(attributing.answerExpiresAt())));
                mark = items.size();
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(first)
                        .conditionExpression("attribute_not_exists(#k)")
                        .expressionAttributeNames(Map.of("#k", EventSchema.USER_ID)).build()).build());
            }
        }
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(items).build();
        int markIndex = mark;
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.transactWriteItems(request)))
                .replaceWith(Written.APPLIED)
                .onFailure(f -> StoreErrors.unwrap(f) instanceof TransactionCanceledException)
                .recoverWithItem(f -> onlyFailed((TransactionCanceledException) StoreErrors.unwrap(f), markIndex)
                        ? Written.ANSWER_SEEN : Written.CANCELLED)
                .onFailure().transform(errors::translate);
    }

    /** Whether the condition of item {@code index} alone failed (never when index is -1). */
    private static boolean onlyFailed(TransactionCanceledException cancelled, int index) {
        if (index < 0 || !cancelled.hasCancellationReasons() || cancelled.cancellationReasons().size() <= index) {
            return false;
        }
        for (int i = 0; i < cancelled.cancellationReasons().size(); i++) {
            String code = cancelled.cancellationReasons().get(i).code();
            boolean failed = code != null && !code.equals("None");
            if (failed != (i == index) || (i == index && !code.equals("ConditionalCheckFailed"))) {
                return false;
            }
        }
        return true;
    }

    private static void putAttribution(Map<String, AttributeValue> item, Attribution attribution) {
        item.put(EventSchema.RECOMMENDATION_ID, AttributeValue.fromS(attribution.recommendationId()));
        item.put(EventSchema.ATTRIBUTION, AttributeValue.fromS(attribution.status().label()));
        if (attribution.detail() != null) {
            item.put(EventSchema.ATTRIBUTION_DETAIL, AttributeValue.fromS(attribution.detail()));
        }
        if (attribution.model() != null) {
            item.put(EventSchema.ATTRIBUTED_MODEL, AttributeValue.fromS(attribution.model()));
            item.put(EventSchema.ATTRIBUTED_ARM, AttributeValue.fromS(attribution.arm()));
            item.put(EventSchema.ATTRIBUTED_STRATEGY, AttributeValue.fromS(attribution.strategy()));
        }
        if (attribution.position() != null) {
            item.put(EventSchema.POSITION, AttributeValue.fromN(Integer.toString(attribution.position())));
        }
    }

    /**
     * Whether an event with this id is stored for the user (read consistently from the local replica), and the
     * attribution it was stored with.
     */
    Uni<Stored> stored(String userId, String eventId) {
        GetItemRequest request = GetItemRequest.builder().tableName(table)
                .key(EventSchema.key(userId, EventSchema.guardKey(eventId)))
                .consistentRead(true).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.getItem(request)))
                .map(response -> {
                    if (!response.hasItem() || response.item().isEmpty()) {
                        return Stored.ABSENT;
                    }
                    AttributeValue attribution = response.item().get(EventSchema.ATTRIBUTION);
                    return new Stored(true, attribution == null ? null : attribution.s());
                })
                .onFailure().transform(errors::translate);
    }

    /** A guard as read: whether the event is stored, and its attribution status (null when it carried no id). */
    record Stored(boolean exists, String attribution) {
        static final Stored ABSENT = new Stored(false, null);
    }

    /** One page of the user's history, newest first; events past their expiry are left out. */
    public Uni<EventPage> page(String userId, EventQuery query, Instant now) {
        Map<String, AttributeValue> start = null;
        if (query.cursor() != null) {
            String key = decodeCursor(query.cursor());
            // DynamoDB refuses a start key outside the key condition; that is the caller's mix-up, not ours.
            if ((query.since() != null && key.compareTo(EventSchema.time(query.since())) < 0)
                    || (query.until() != null && key.compareTo(EventSchema.time(query.until())) > 0)) {
                throw ProblemException.badRequest("cursor lies outside since/until; pass the same since and until as for the first page");
            }
            start = EventSchema.key(userId, key);
        }
        return pageFrom(userId, query, now, start, new ArrayList<>());
    }

    private Uni<EventPage> pageFrom(String userId, EventQuery query, Instant now, Map<String, AttributeValue> start,
            List<StoredEvent> collected) {
        ExpressionBuilder expression = new ExpressionBuilder();
        String key = expression.name(EventSchema.EVENT_KEY);
        String keyCondition = expression.name(EventSchema.USER_ID) + " = " + expression.value(AttributeValue.fromS(userId))
                + " AND " + key + " BETWEEN "
                + expression.value(AttributeValue.fromS(query.since() == null ? "0" : EventSchema.time(query.since())))
                + " AND "
                + expression.value(AttributeValue.fromS(query.until() == null ? EventSchema.EVENTS_END : EventSchema.time(query.until())));
        unexpired(expression, now);
        if (query.type() != null) {
            expression.condition(expression.name(EventSchema.TYPE) + " = " + expression.value(AttributeValue.fromS(query.type())));
        }
        // DynamoDB applies Limit before the filter: a sparse type filter with a small limit would take
        // one round trip per few items, so each round reads at least a full batch and the page is cut here.
        int remaining = query.limit() - collected.size();
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression(keyCondition)
                .filterExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values())
                .scanIndexForward(false)
                .limit(Math.max(remaining, MIN_ROUND))
                .exclusiveStartKey(start)
                .build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.query(request)))
                .onFailure().transform(errors::translate)
                .flatMap(response -> {
                    List<Map<String, AttributeValue>> items = response.items();
                    if (items.size() >= remaining) {
                        // Full page: the cursor is the last event returned (the next page starts after it).
                        items.subList(0, remaining).forEach(item -> collected.add(event(item)));
                        boolean more = items.size() > remaining || hasMore(response);
                        return Uni.createFrom().item(new EventPage(List.copyOf(collected),
                                more ? encodeCursor(items.get(remaining - 1).get(EventSchema.EVENT_KEY).s()) : null));
                    }
                    items.forEach(item -> collected.add(event(item)));
                    if (!hasMore(response)) {
                        return Uni.createFrom().item(new EventPage(List.copyOf(collected), null));
                    }
                    return pageFrom(userId, query, now, response.lastEvaluatedKey(), collected);
                });
    }

    private static boolean hasMore(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
    }

    /**
     * Every stored event (guards left out) that occurred in {@code [since, until)} (either bound may be null)
     * and is of one of {@code types} (empty: any), from a parallel Scan of the local replica with backpressure;
     * events past their expiry are left out.
     */
    public Multi<StoredEvent> scan(Instant since, Instant until, List<String> types, int segments) {
        return scan(since, until, types, segments, 0);
    }

    /**
     * As {@link #scan(Instant, Instant, List, int)}, each Scan request reading at most {@code pageItems} stored
     * rows (0: up to the store's 1 MB page). Short pages keep a background read from holding the table's
     * partitions (or a single local engine) for long at a time, so point reads of requests interleave.
     */
    public Multi<StoredEvent> scan(Instant since, Instant until, List<String> types, int segments, int pageItems) {
        ExpressionBuilder expression = new ExpressionBuilder();
        String type = expression.name(EventSchema.TYPE);
        // Guards have no type: attribute_exists keeps only events.
        expression.condition("attribute_exists(" + type + ")");
        unexpired(expression, Instant.now());
        if (since != null) {
            expression.condition(expression.name(EventSchema.OCCURRED_AT) + " >= "
                    + expression.value(AttributeValue.fromS(EventSchema.time(since))));
        }
        if (until != null) {
            expression.condition(expression.name(EventSchema.OCCURRED_AT) + " < "
                    + expression.value(AttributeValue.fromS(EventSchema.time(until))));
        }
        if (!types.isEmpty()) {
            List<String> values = types.stream().map(t -> expression.value(AttributeValue.fromS(t))).toList();
            expression.condition(type + " IN (" + String.join(", ", values) + ")");
        }
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values())
                .limit(pageItems > 0 ? pageItems : null)
                .build();
        return PagedScan.items(regions.local().client(), request, PagedScan.Policy.once(segments))
                .map(EventStore::event)
                .onFailure().transform(errors::translate);
    }

    /** Leaves out events past their expiry (DynamoDB deletes them only eventually). */
    private static void unexpired(ExpressionBuilder expression, Instant now) {
        String expires = expression.name(EventSchema.EXPIRES_AT);
        expression.condition("attribute_not_exists(" + expires + ") OR " + expires + " > "
                + expression.value(AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
    }

    @Override
    public Uni<Void> eraseUser(String userId) {
        return deleteAll(userId).replaceWithVoid();
    }

    /**
     * Deletes every event and guard of the user, a page of keys at a time, in batches of 25;
     * completes when none is left. Runs against the local replica, whose deletes replicate.
     */
    public Uni<Long> deleteAll(String userId) {
        return deletePage(userId, 0L);
    }

    private Uni<Long> deletePage(String userId, long deletedSoFar) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#u = :u")
                .expressionAttributeNames(Map.of("#u", EventSchema.USER_ID, "#k", EventSchema.EVENT_KEY))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .projectionExpression("#u, #k")
                .consistentRead(true)
                .limit(ERASE_PAGE)
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.query(request)))
                .flatMap(response -> {
                    if (response.items().isEmpty()) {
                        return Uni.createFrom().item(deletedSoFar);
                    }
                    return deleteKeys(response).flatMap(ignored -> deletePage(userId, deletedSoFar + response.items().size()));
                })
                .onFailure().transform(errors::translate);
    }

    private Uni<Void> deleteKeys(QueryResponse page) {
        List<WriteRequest> deletes = page.items().stream()
                .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                .toList();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int from = 0; from < deletes.size(); from += DELETE_BATCH) {
            List<WriteRequest> batch = deletes.subList(from, Math.min(deletes.size(), from + DELETE_BATCH));
            chain = chain.flatMap(ignored -> UnprocessedRetry.DEFAULT.run(batch, "event deletions", this::deleteRound));
        }
        return chain;
    }

    private Uni<List<WriteRequest>> deleteRound(List<WriteRequest> batch) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(Map.of(table, batch)).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.batchWriteItem(request)))
                .map(response -> response.unprocessedItems().getOrDefault(table, List.of()));
    }

    /** An event item as read from the table. */
    static StoredEvent event(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(EventSchema.VALUE);
        AttributeValue position = item.get(EventSchema.POSITION);
        StoredEvent.Attributed attributed = item.containsKey(EventSchema.ATTRIBUTION)
                ? new StoredEvent.Attributed(s(item, EventSchema.RECOMMENDATION_ID), s(item, EventSchema.ATTRIBUTION),
                        s(item, EventSchema.ATTRIBUTED_MODEL), s(item, EventSchema.ATTRIBUTED_ARM),
                        s(item, EventSchema.ATTRIBUTED_STRATEGY),
                        position == null || position.n() == null ? null : Integer.valueOf(position.n()))
                : null;
        return new StoredEvent(s(item, EventSchema.USER_ID), s(item, EventSchema.EVENT_ID), s(item, EventSchema.TYPE),
                s(item, EventSchema.ITEM_ID), value == null || value.n() == null ? null : new BigDecimal(value.n()),
                s(item, EventSchema.OCCURRED_AT), s(item, EventSchema.RECORDED_AT), attributed);
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    /** The cursor is the last key of the page, opaque to the caller. */
    private static String encodeCursor(String eventKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(eventKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (EventSchema.isEventKey(key)) {
                return key;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("cursor is not a cursor this endpoint returned");
    }
}
