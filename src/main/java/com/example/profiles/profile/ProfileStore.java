package com.example.profiles.profile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.UnprocessedRetry;
import com.example.profiles.error.ProblemException;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Reads and writes UserProfiles. Single-item calls use the low-level async client through the
 * {@link RegionRouter}, so that reads fail over to other regions' replicas and writes stay local;
 * items are mapped by {@link ProfileSchema}. The export scan reads the local replica only.
 */
@ApplicationScoped
public class ProfileStore {

    /** Structural retries of one merge patch before answering 409. */
    private static final int PATCH_ATTEMPTS = 4;
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final AttributeValue ZERO = AttributeValue.fromN("0");
    private static final FeatureVectorConverter FEATURES = new FeatureVectorConverter();

    private final RegionRouter regions;
    private final ProfileRow row;
    private final ProfileConfig config;
    private final String region;
    private final StoreErrors errors = new StoreErrors("profiles table");
    private final UnprocessedRetry batchRetry;

    private final ProfileMetrics metrics;
    private final FeatureHistoryStore history;

    public ProfileStore(RegionRouter regions, ProfileRow row, ProfileConfig config, ProfileMetrics metrics,
            FeatureHistoryStore history) {
        this.regions = regions;
        this.row = row;
        this.metrics = metrics;
        this.history = history;
        this.region = regions.local().region();
        this.config = config;
        this.batchRetry = new UnprocessedRetry(config.batchGet().maxAttempts(), config.batchGet().baseBackoff());
    }

    /**
     * The profile, or null when absent; served by a fallback region when the local one fails.
     *
     * @param fields null for the whole profile, else only these fields (plus key and version), read with a projection
     */
    public Uni<ProfileItem> get(String userId, Set<String> fields) {
        GetItemRequest.Builder request = GetItemRequest.builder()
                .tableName(config.table())
                .key(ProfileRow.key(userId));
        if (fields != null) {
            ExpressionBuilder names = new ExpressionBuilder();
            request.projectionExpression(ProfileFields.projection(fields, names))
                    .expressionAttributeNames(names.names());
        }
        GetItemRequest built = request.build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.getItem(built)))
                .map(response -> response.hasItem() && !response.item().isEmpty()
                        ? unlessExpired(ProfileSchema.SCHEMA.mapToItem(response.item()))
                        : null)
                .onFailure().transform(errors::translate);
    }

    /** The item, or null when it is past its expiry (DynamoDB deletes expired items only eventually). */
    private ProfileItem unlessExpired(ProfileItem item) {
        if (item != null && item.isExpired(Instant.now())) {
            metrics.expiredHidden();
            return null;
        }
        return item;
    }

    /**
     * Create or replace, as one UpdateItem so that the version increments atomically. With an
     * {@code event_time} the write applies only over an absent or older one (else 409). An expired
     * profile counts as absent: it is deleted first and the write becomes a create.
     */
    public Uni<PutResult> put(String userId, ProfileWrite write, WriteCondition condition) {
        return putAttempt(userId, write, condition, true).onFailure().transform(errors::translate);
    }

    private Uni<PutResult> putAttempt(String userId, ProfileWrite write, WriteCondition condition, boolean mayClearExpired) {
        Instant clock = Instant.now();
        String now = clock.truncatedTo(ChronoUnit.MILLIS).toString();
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.set(expression.name(ProfileSchema.USER_NAME), expression.value(AttributeValue.fromS(write.userName())));
        expression.set(expression.name(ProfileSchema.ATTRIBUTES), expression.value(AttributeValue.fromM(write.attributes())));
        String since = text(clock);
        if (write.features() != null) {
            expression.set(expression.name(ProfileSchema.FEATURES), expression.value(features(write.features())));
            expression.set(expression.name(ProfileSchema.FEATURES_SINCE), expression.value(AttributeValue.fromS(since)));
        } else {
            expression.remove(expression.name(ProfileSchema.FEATURES));
            expression.remove(expression.name(ProfileSchema.FEATURES_SINCE));
        }
        Long expiresAt = expiresAt(write.times(), clock);
        if (expiresAt != null) {
            expression.set(expression.name(ProfileSchema.EXPIRES_AT), expression.value(AttributeValue.fromN(expiresAt.toString())));
        } else {
            expression.remove(expression.name(ProfileSchema.EXPIRES_AT));
        }
        stampWrite(expression, now);
        condition.addTo(expression);
        addTimeConditions(expression, write.times(), clock);
        UpdateItemRequest request = row.update(userId, expression)
                .returnValues(ReturnValue.UPDATED_OLD)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(request)))
                .flatMap(response -> {
                    Map<String, AttributeValue> old = response.hasAttributes() ? response.attributes() : Map.of();
                    long previous = old.containsKey(ProfileSchema.VERSION)
                            ? Long.parseLong(old.get(ProfileSchema.VERSION).n())
                            : 0L;
                    ProfileItem stored = new ProfileItem();
                    stored.setUserId(userId);
                    stored.setUserName(write.userName());
                    stored.setAttributes(write.attributes());
                    stored.setFeatures(write.features());
                    stored.setVersion(previous + 1);
                    stored.setUpdatedAt(now);
                    stored.setUpdatedRegion(region);
                    stored.setExpiresAt(expiresAt);
                    stored.setEventTime(write.times().eventTime() != null ? text(write.times().eventTime())
                            : old.containsKey(ProfileSchema.EVENT_TIME) ? old.get(ProfileSchema.EVENT_TIME).s() : null);
                    return recordReplaced(userId, old.get(ProfileSchema.FEATURES), old.get(ProfileSchema.FEATURES_SINCE), since)
                            .replaceWith(new PutResult(stored, old.isEmpty()));
                })
                .onFailure(ConditionalCheckFailedException.class).recoverWithUni(failure -> {
                    ConditionalCheckFailedException e = (ConditionalCheckFailedException) StoreErrors.unwrap(failure);
                    Uni<Map<String, AttributeValue>> current = e.hasItem() && !e.item().isEmpty()
                            ? Uni.createFrom().item(e.item())
                            : row.read(userId);
                    return current.flatMap(item -> {
                        if (item != null && ProfileExpiry.isExpired(item, clock) && mayClearExpired) {
                            return deleteExpired(userId, item).flatMap(ignored -> putAttempt(userId, write, condition, false));
                        }
                        ProblemException stale = staleProblem(item, write.times());
                        return Uni.createFrom().failure(stale != null ? stale
                                : ProblemException.preconditionFailed(preconditionDetail(condition)));
                    });
                });
    }

    /**
     * Writes the replaced vector's validity into the feature history. A vector whose start is
     * unknown (written before the history existed) is left out rather than given a guessed start.
     */
    private Uni<Void> recordReplaced(String userId, AttributeValue vector, AttributeValue since, String until) {
        if (vector == null || since == null || since.s() == null || Boolean.TRUE.equals(vector.nul())) {
            return Uni.createFrom().voidItem();
        }
        float[] previous = FEATURES.transformTo(vector);
        if (previous == null || since.s().compareTo(until) >= 0) {
            return Uni.createFrom().voidItem();
        }
        return history.record(userId, since.s(), until, previous);
    }

    /** Removes an expired profile, unless it was rewritten meanwhile (then the retried write decides). */
    private Uni<Void> deleteExpired(String userId, Map<String, AttributeValue> item) {
        DeleteItemRequest request = DeleteItemRequest.builder().tableName(config.table()).key(ProfileRow.key(userId))
                .conditionExpression("#e = :e")
                .expressionAttributeNames(Map.of("#e", ProfileSchema.EXPIRES_AT))
                .expressionAttributeValues(Map.of(":e", item.get(ProfileSchema.EXPIRES_AT)))
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.deleteItem(request)))
                .replaceWithVoid()
                .onFailure(ConditionalCheckFailedException.class).recoverWithNull();
    }

    /** Refuses writes over an expired item (handled as a create) and, with an event time, over a newer one. */
    private static void addTimeConditions(ExpressionBuilder expression, ProfileTimes times, Instant clock) {
        ProfileExpiry.requireUnexpired(expression, clock);
        if (times.eventTime() != null) {
            String eventTime = expression.name(ProfileSchema.EVENT_TIME);
            String value = expression.value(AttributeValue.fromS(text(times.eventTime())));
            expression.set(eventTime, value);
            expression.condition("attribute_not_exists(" + eventTime + ") OR " + eventTime + " < " + value);
        }
    }

    /** The 409 of a write older than the stored one, or null when the stored event time is not the cause. */
    private ProblemException staleProblem(Map<String, AttributeValue> item, ProfileTimes times) {
        if (item == null || times.eventTime() == null) {
            return null;
        }
        AttributeValue stored = item.get(ProfileSchema.EVENT_TIME);
        String given = text(times.eventTime());
        if (stored == null || stored.s() == null || stored.s().compareTo(given) < 0) {
            return null;
        }
        metrics.staleWrite();
        return new ProblemException(409, "Conflict", "stale write: its event_time " + given
                + " is not newer than the stored profile's event_time " + stored.s() + "; nothing was changed");
    }

    /** The write's own expiry, else now + retention, else null (no expiry). */
    private Long expiresAt(ProfileTimes times, Instant clock) {
        if (times.expiresAt() != null) {
            return times.expiresAt().getEpochSecond();
        }
        return config.retention().map(r -> clock.plus(r).getEpochSecond()).orElse(null);
    }

    /** Applies a merge patch as one UpdateItem; fails with 404 when the profile is absent. */
    public Uni<ProfileItem> patch(String userId, ProfilePatch patch, WriteCondition condition) {
        return patchAttempt(userId, patch, condition, null, 1)
                .call(item -> patch.touchesFeatures()
                        ? recordReplaced(userId, item.get(ProfileSchema.PREVIOUS_FEATURES), item.get(ProfileSchema.PREVIOUS_FEATURES_SINCE),
                                item.containsKey(ProfileSchema.FEATURES_SINCE) ? item.get(ProfileSchema.FEATURES_SINCE).s()
                                        : text(Instant.parse(item.get(ProfileSchema.UPDATED_AT).s())))
                        : Uni.createFrom().voidItem())
                .flatMap(item -> rewriteLegacyFeatures(userId, item))
                .onFailure().transform(errors::translate);
    }

    private Uni<Map<String, AttributeValue>> patchAttempt(String userId, ProfilePatch patch, WriteCondition condition,
            Map<String, AttributeValue> knownItem, int attempt) {
        Instant clock = Instant.now();
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.condition("attribute_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        condition.addTo(expression);
        addTimeConditions(expression, patch.times(), clock);
        Long expiresAt = expiresAt(patch.times(), clock);
        if (expiresAt != null) {
            expression.set(expression.name(ProfileSchema.EXPIRES_AT), expression.value(AttributeValue.fromN(expiresAt.toString())));
        }
        if (patch.userName() != null) {
            expression.set(expression.name(ProfileSchema.USER_NAME), expression.value(AttributeValue.fromS(patch.userName())));
        }
        if (patch.touchesFeatures()) {
            // The replaced vector and its start, copied by the same update: the history row is written from them.
            String current = expression.name(ProfileSchema.FEATURES);
            String currentSince = expression.name(ProfileSchema.FEATURES_SINCE);
            String none = expression.value(AttributeValue.fromNul(true));
            expression.set(expression.name(ProfileSchema.PREVIOUS_FEATURES), "if_not_exists(" + current + ", " + none + ")");
            expression.set(expression.name(ProfileSchema.PREVIOUS_FEATURES_SINCE), "if_not_exists(" + currentSince + ", " + none + ")");
            if (patch.features() != null) {
                expression.set(current, expression.value(features(patch.features())));
                expression.set(currentSince, expression.value(AttributeValue.fromS(text(clock))));
            } else {
                expression.remove(current);
                expression.remove(currentSince);
            }
        }
        if (patch.touchesAttributes()) {
            if (patch.attributes() == null) {
                expression.remove(expression.name(ProfileSchema.ATTRIBUTES));
            } else {
                new MergePatchCompiler(expression, knownItem).compile(ProfileSchema.ATTRIBUTES, patch.attributes());
            }
        }
        stampWrite(expression, clock.truncatedTo(ChronoUnit.MILLIS).toString());
        UpdateItemRequest request = row.update(userId, expression)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(request)))
                .map(UpdateItemResponse::attributes)
                .onFailure(ConditionalCheckFailedException.class).recoverWithUni(failure -> {
                    ConditionalCheckFailedException e = (ConditionalCheckFailedException) StoreErrors.unwrap(failure);
                    Uni<Map<String, AttributeValue>> current = e.hasItem() && !e.item().isEmpty()
                            ? Uni.createFrom().item(e.item())
                            : row.read(userId);
                    return current.flatMap(item -> {
                        if (item == null || item.isEmpty() || ProfileExpiry.isExpired(item, clock)) {
                            return Uni.createFrom().failure(ProblemException.notFound("no profile with id " + userId));
                        }
                        ProblemException stale = staleProblem(item, patch.times());
                        if (stale != null) {
                            return Uni.createFrom().failure(stale);
                        }
                        Long version = item.containsKey(ProfileSchema.VERSION)
                                ? Long.valueOf(item.get(ProfileSchema.VERSION).n())
                                : null;
                        if (!condition.ifMatchHolds(version)) {
                            return Uni.createFrom().failure(ProblemException.preconditionFailed(preconditionDetail(condition)));
                        }
                        if (attempt >= PATCH_ATTEMPTS) {
                            return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                                    "the profile's attributes kept changing shape during the patch; retry"));
                        }
                        return patchAttempt(userId, patch, condition, item, attempt + 1);
                    });
                });
    }

    /** A legacy JSON-text feature vector becomes binary on the profile's next write. */
    private Uni<ProfileItem> rewriteLegacyFeatures(String userId, Map<String, AttributeValue> item) {
        ProfileItem mapped = ProfileSchema.SCHEMA.mapToItem(item);
        AttributeValue stored = item.get(ProfileSchema.FEATURES);
        if (stored == null || stored.s() == null || mapped.getFeatures() == null) {
            return Uni.createFrom().item(mapped);
        }
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.set(expression.name(ProfileSchema.FEATURES), expression.value(features(mapped.getFeatures())));
        expression.condition(expression.name(ProfileSchema.VERSION) + " = "
                + expression.value(AttributeValue.fromN(Long.toString(mapped.getVersion()))));
        UpdateItemRequest request = row.update(userId, expression).build();
        // Losing this race only means a newer write already stored the vector in binary form.
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(request)))
                .replaceWith(mapped)
                .onFailure(ConditionalCheckFailedException.class).recoverWithItem(mapped);
    }

    /** Deletes the profile; absent is fine unless a precondition says otherwise. */
    public Uni<Void> delete(String userId, WriteCondition condition) {
        DeleteItemRequest.Builder request = DeleteItemRequest.builder().tableName(config.table()).key(ProfileRow.key(userId));
        if (!condition.isNone()) {
            ExpressionBuilder expression = new ExpressionBuilder();
            condition.addTo(expression);
            request.conditionExpression(expression.conditionExpression())
                    .expressionAttributeNames(expression.names())
                    .expressionAttributeValues(expression.values());
        }
        DeleteItemRequest built = request.build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.deleteItem(built)))
                .replaceWithVoid()
                .onFailure(ConditionalCheckFailedException.class)
                .transform(e -> ProblemException.preconditionFailed(preconditionDetail(condition)))
                .onFailure().transform(errors::translate);
    }

    /**
     * BatchGetItem with a projection; unprocessed keys are retried with jittered exponential
     * backoff, and a request whose keys stay unprocessed fails with 503 rather than dropping them.
     */
    public Uni<BatchGetResult> batchGet(List<String> userIds, Set<String> fields) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(userIds));
        ExpressionBuilder names = new ExpressionBuilder();
        String projection = ProfileFields.projection(fields, names);
        List<Map<String, AttributeValue>> keys = distinct.stream().map(ProfileRow::key).toList();
        Map<String, ProfileItem> found = new HashMap<>();
        return batchRetry.run(keys, "profiles", pending -> batchRound(pending, projection, names.names(), found))
                .map(ignored -> {
                    List<ProfileItem> ordered = new ArrayList<>();
                    List<String> missing = new ArrayList<>();
                    for (String id : distinct) {
                        ProfileItem item = found.get(id);
                        if (item != null) {
                            ordered.add(item);
                        } else {
                            missing.add(id);
                        }
                    }
                    return new BatchGetResult(ordered, missing);
                })
                .onFailure().transform(errors::translate);
    }

    /** One BatchGetItem; adds what it read to {@code found}, its item is the keys left unprocessed. */
    private Uni<List<Map<String, AttributeValue>>> batchRound(List<Map<String, AttributeValue>> keys, String projection,
            Map<String, String> names, Map<String, ProfileItem> found) {
        BatchGetItemRequest request = BatchGetItemRequest.builder()
                .requestItems(Map.of(config.table(), KeysAndAttributes.builder()
                        .keys(keys)
                        .projectionExpression(projection)
                        .expressionAttributeNames(names)
                        .build()))
                .build();
        // Each round is its own guarded read, so a round after a failover stays in the fallback region.
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.batchGetItem(request)))
                .map(response -> {
                    response.responses().getOrDefault(config.table(), List.of()).forEach(raw -> {
                        ProfileItem item = unlessExpired(ProfileSchema.SCHEMA.mapToItem(raw));
                        if (item != null) {
                            found.put(item.getUserId(), item);
                        }
                    });
                    KeysAndAttributes unprocessed = response.unprocessedKeys().get(config.table());
                    return unprocessed == null || !unprocessed.hasKeys() ? List.of() : unprocessed.keys();
                });
    }

    /**
     * Every profile, streamed from a parallel Scan of the local replica (exports do not fail over) of
     * {@code segments} segments with backpressure.
     */
    public Multi<ProfileItem> scanAll(int segments) {
        ScanRequest request = ScanRequest.builder().tableName(config.table()).build();
        return PagedScan.items(regions.local().client(), request, PagedScan.Policy.once(segments))
                .map(ProfileSchema.SCHEMA::mapToItem)
                .filter(item -> unlessExpired(item) != null)
                .onFailure().transform(errors::translate);
    }

    private void stampWrite(ExpressionBuilder expression, String now) {
        String version = expression.name(ProfileSchema.VERSION);
        expression.set(version, "if_not_exists(" + version + ", " + expression.value(ZERO) + ") + " + expression.value(ONE));
        expression.set(expression.name(ProfileSchema.UPDATED_AT), expression.value(AttributeValue.fromS(now)));
        expression.set(expression.name(ProfileSchema.UPDATED_REGION), expression.value(AttributeValue.fromS(region)));
    }

    private static AttributeValue features(float[] features) {
        return FEATURES.transformFrom(features);
    }

    private static String preconditionDetail(WriteCondition condition) {
        if (condition.ifNoneMatchAny()) {
            return "If-None-Match: * failed: the profile exists";
        }
        return "If-Match failed: the profile is absent or its current ETag differs";
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String text(Instant instant) {
        return ProfileTimes.text(instant);
    }
}
