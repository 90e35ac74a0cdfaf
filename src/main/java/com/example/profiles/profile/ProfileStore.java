package com.example.profiles.profile;

import java.time.Instant;
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
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelStore;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reads and writes UserProfiles. Single-item calls use the low-level async client through the
 * {@link RegionRouter}, so that reads fail over to other regions' replicas and writes stay local;
 * items are mapped by {@link ProfileSchema}. A write that replaces the feature vector first reads the
 * profile, then commits the new profile and the history row of the replaced vector in one transaction,
 * conditioned on the version it read: the history never misses a range, and a write that lost a race
 * reads again. The export scan reads the local replica only.
 */
@ApplicationScoped
public class ProfileStore {

    /** Attempts of one write against a profile that keeps changing under it (its version, or a patch's shape) before answering 409. */
    private static final int ATTEMPTS = 4;
    private static final FeatureVectorConverter FEATURES = new FeatureVectorConverter();

    private final RegionRouter regions;
    private final ProfileRow row;
    private final ProfileConfig config;
    private final String region;
    private final StoreErrors errors = new StoreErrors("profiles table");
    private final UnprocessedRetry batchRetry;

    private final ProfileMetrics metrics;
    private final VectorValidity validity;
    private final ModelStore models;

    public ProfileStore(RegionRouter regions, ProfileRow row, ProfileConfig config, ProfileMetrics metrics,
            FeatureHistoryStore history, ModelStore models) {
        this.models = models;
        this.regions = regions;
        this.row = row;
        this.metrics = metrics;
        this.validity = new VectorValidity(history);
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
        if (ProfileFields.wantsModelFeatures(fields)) {
            return modelAttributes().flatMap(models -> get(userId, fields, models));
        }
        return get(userId, fields, List.of());
    }

    private Uni<ProfileItem> get(String userId, Set<String> fields, List<String> modelAttributes) {
        GetItemRequest.Builder request = GetItemRequest.builder()
                .tableName(config.table())
                .key(ProfileRow.key(userId));
        if (fields != null) {
            ExpressionBuilder names = new ExpressionBuilder();
            request.projectionExpression(ProfileFields.projection(fields, modelAttributes, names))
                    .expressionAttributeNames(names.names());
        }
        GetItemRequest built = request.build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.getItem(built)))
                .map(response -> response.hasItem() && !response.item().isEmpty()
                        ? unlessExpired(withModelFeatures(ProfileSchema.SCHEMA.mapToItem(response.item()), response.item()))
                        : null)
                .onFailure().transform(errors::translate);
    }

    /**
     * The user vector attributes of every model that is not retired (a retired model's are being removed), from a
     * consistent read: a model defined and given vectors a moment ago is among them.
     */
    private Uni<List<String>> modelAttributes() {
        return models.read(true)
                .map(registry -> registry.models().values().stream()
                        .filter(model -> !model.retired())
                        .map(ModelDefinition::userAttribute)
                        .toList())
                .onFailure().transform(errors::translate);
    }

    /** The mapped item with its vectors in the models other than {@code default} that the read returned. */
    private static ProfileItem withModelFeatures(ProfileItem item, Map<String, AttributeValue> raw) {
        Map<String, float[]> vectors = null; // most reads hold no other model's vector: allocate only for one
        for (Map.Entry<String, AttributeValue> attribute : raw.entrySet()) {
            String model = ModelDefinition.userModel(attribute.getKey());
            if (model != null) {
                if (vectors == null) {
                    vectors = new HashMap<>();
                }
                vectors.put(model, FEATURES.transformTo(attribute.getValue()));
            }
        }
        if (vectors != null) {
            item.setModelFeatures(vectors);
        }
        return item;
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
     * Create or replace, as one conditional write so that the version increments atomically. With an
     * {@code event_time} the write applies only over an absent or older one (else 409). An expired
     * profile counts as absent: it is deleted first and the write becomes a create.
     */
    public Uni<PutResult> put(String userId, ProfileWrite write, WriteCondition condition) {
        return putAttempt(userId, write, condition, true, 1).onFailure().transform(errors::translate);
    }

    /** @param mayClearExpired whether an expired profile may still be deleted to make room (once per put) */
    private Uni<PutResult> putAttempt(String userId, ProfileWrite write, WriteCondition condition, boolean mayClearExpired,
            int attempt) {
        return row.read(userId).flatMap(base -> {
            Instant clock = Instant.now();
            if (base != null && mayClearExpired && ProfileExpiry.isExpired(base, clock)) {
                return deleteExpired(userId, base).flatMap(ignored -> putAttempt(userId, write, condition, false, attempt));
            }
            ProblemException staleVector = staleVector(base, write.times());
            if (staleVector != null) {
                return Uni.createFrom().failure(staleVector);
            }
            String since = vectorStart(write.times(), clock);
            ExpressionBuilder expression = new ExpressionBuilder();
            expression.set(expression.name(ProfileSchema.USER_NAME), expression.value(AttributeValue.fromS(write.userName())));
            expression.set(expression.name(ProfileSchema.ATTRIBUTES), expression.value(AttributeValue.fromM(write.attributes())));
            setFeatures(expression, write.features(), since);
            Long expiresAt = expiresAt(write.times(), clock);
            if (expiresAt != null) {
                expression.set(expression.name(ProfileSchema.EXPIRES_AT), expression.value(AttributeValue.fromN(expiresAt.toString())));
            } else {
                expression.remove(expression.name(ProfileSchema.EXPIRES_AT));
            }
            String now = row.stamp(expression, clock);
            condition.addTo(expression);
            addTimeConditions(expression, write.times(), clock);
            ProfileRow.requireVersionOf(expression, base);
            UpdateItemRequest request = row.update(userId, expression)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build();
            return row.commit(request, replaced(userId, base, since))
                    .map(ignored -> new PutResult(stored(userId, write, base, now, expiresAt), base == null))
                    .onFailure(ProfileRow::refused).recoverWithUni(failure -> row.refusedBy(userId, failure).flatMap(item -> {
                        ProblemException stale = staleProblem(item, write.times());
                        if (stale != null) {
                            return Uni.createFrom().failure(stale);
                        }
                        if (!ProfileRow.sameVersion(item, base) || (item != null && mayClearExpired && ProfileExpiry.isExpired(item, clock))) {
                            return attempt < ATTEMPTS
                                    ? putAttempt(userId, write, condition, mayClearExpired, attempt + 1)
                                    : Uni.createFrom().failure(keptChanging());
                        }
                        return Uni.createFrom().failure(ProblemException.preconditionFailed(preconditionDetail(condition)));
                    }));
        });
    }

    /** The profile a put stored, from the write and the item it replaced. */
    private ProfileItem stored(String userId, ProfileWrite write, Map<String, AttributeValue> base, String now, Long expiresAt) {
        AttributeValue previousVersion = base == null ? null : base.get(ProfileSchema.VERSION);
        AttributeValue previousEventTime = base == null ? null : base.get(ProfileSchema.EVENT_TIME);
        ProfileItem stored = new ProfileItem();
        stored.setUserId(userId);
        stored.setUserName(write.userName());
        stored.setAttributes(write.attributes());
        stored.setFeatures(write.features());
        stored.setVersion((previousVersion == null ? 0L : Long.parseLong(previousVersion.n())) + 1);
        stored.setUpdatedAt(now);
        stored.setUpdatedRegion(region);
        stored.setExpiresAt(expiresAt);
        stored.setEventTime(write.times().eventTime() != null ? text(write.times().eventTime())
                : previousEventTime == null ? null : previousEventTime.s());
        return stored;
    }

    /** The history row of the {@code default} vector {@code base} holds, valid until {@code until}; null: none. */
    private Put replaced(String userId, Map<String, AttributeValue> base, String until) {
        return validity.replaced(userId, ModelNames.DEFAULT, base, until);
    }

    private static ProblemException keptChanging() {
        return new ProblemException(409, "Conflict", "the profile kept changing under concurrent writes during this one; retry");
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

    /** Sets the {@code default} vector and since when it is valid, or removes both. */
    private static void setFeatures(ExpressionBuilder expression, float[] features, String since) {
        VectorValidity.set(expression, ModelNames.DEFAULT, features, since);
    }

    /**
     * Since when a written vector is valid: the write's {@code event_time} (so that past vectors can be backfilled,
     * as the per-model vector writes do), else now.
     */
    private static String vectorStart(ProfileTimes times, Instant clock) {
        return text(times.eventTime() != null ? times.eventTime() : clock);
    }

    /**
     * The 409 of a write with an {@code event_time} not after the start of the vector it would replace or remove
     * (the history would get a range that ends before it starts); null when there is no such vector. The write
     * applies only to the version read, so this check of that version holds for it.
     */
    private ProblemException staleVector(Map<String, AttributeValue> base, ProfileTimes times) {
        if (times.eventTime() == null) {
            return null;
        }
        String given = text(times.eventTime());
        String since = VectorValidity.startNotBefore(base, ModelNames.DEFAULT, given);
        if (since == null) {
            return null;
        }
        metrics.staleWrite();
        return new ProblemException(409, "Conflict", "stale write: its event_time " + given + " is not after " + since
                + ", since when the user's current user_features are valid; nothing was changed");
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

    /**
     * Applies a merge patch as one conditional update; fails with 404 when the profile is absent. A patch of
     * the vector reads the profile first, to commit the replaced vector's history row in one transaction with it.
     */
    public Uni<ProfileItem> patch(String userId, ProfilePatch patch, WriteCondition condition) {
        Uni<Map<String, AttributeValue>> patched = patch.touchesFeatures()
                ? row.read(userId).flatMap(base -> patchAttempt(userId, patch, condition, base, 1))
                : patchAttempt(userId, patch, condition, null, 1);
        return patched.flatMap(item -> rewriteLegacyFeatures(userId, item))
                .onFailure().transform(errors::translate);
    }

    /**
     * @param knownItem the item as last read, null when not read; a patch of the vector applies only over the
     *                  version it holds
     */
    private Uni<Map<String, AttributeValue>> patchAttempt(String userId, ProfilePatch patch, WriteCondition condition,
            Map<String, AttributeValue> knownItem, int attempt) {
        Instant clock = Instant.now();
        if (patch.touchesFeatures() && (knownItem == null || ProfileExpiry.isExpired(knownItem, clock))) {
            return Uni.createFrom().failure(absent(userId));
        }
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
        Put replaced = null;
        if (patch.touchesFeatures()) {
            ProblemException staleVector = staleVector(knownItem, patch.times());
            if (staleVector != null) {
                return Uni.createFrom().failure(staleVector);
            }
            String since = vectorStart(patch.times(), clock);
            setFeatures(expression, patch.features(), since);
            ProfileRow.requireVersionOf(expression, knownItem);
            replaced = replaced(userId, knownItem, since);
        }
        if (patch.touchesAttributes()) {
            if (patch.attributes() == null) {
                expression.remove(expression.name(ProfileSchema.ATTRIBUTES));
            } else {
                new MergePatchCompiler(expression, knownItem).compile(ProfileSchema.ATTRIBUTES, patch.attributes());
            }
        }
        row.stamp(expression, clock);
        UpdateItemRequest request = row.update(userId, expression)
                .returnValues(ReturnValue.ALL_NEW)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        return row.commit(request, replaced)
                // A transaction returns no item: the answer is the profile as read right after it (a write that
                // lands in between shows in it, with its version).
                .flatMap(item -> item != null ? Uni.createFrom().item(item) : row.read(userId))
                .onFailure(ProfileRow::refused).recoverWithUni(failure -> row.refusedBy(userId, failure).flatMap(item -> {
                    if (item == null || item.isEmpty() || ProfileExpiry.isExpired(item, clock)) {
                        return Uni.createFrom().failure(absent(userId));
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
                    if (attempt >= ATTEMPTS) {
                        return Uni.createFrom().failure(keptChanging());
                    }
                    return patchAttempt(userId, patch, condition, item, attempt + 1);
                }))
                .flatMap(item -> item != null ? Uni.createFrom().item(item) : Uni.createFrom().failure(absent(userId)));
    }

    private static ProblemException absent(String userId) {
        return ProblemException.notFound("no profile with id " + userId);
    }

    /** A legacy JSON-text feature vector becomes binary on the profile's next write. */
    private Uni<ProfileItem> rewriteLegacyFeatures(String userId, Map<String, AttributeValue> item) {
        ProfileItem mapped = ProfileSchema.SCHEMA.mapToItem(item);
        AttributeValue stored = item.get(ProfileSchema.FEATURES);
        if (stored == null || stored.s() == null || mapped.getFeatures() == null) {
            return Uni.createFrom().item(mapped);
        }
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.set(expression.name(ProfileSchema.FEATURES), expression.value(FEATURES.transformFrom(mapped.getFeatures())));
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
        if (ProfileFields.wantsModelFeatures(fields)) {
            return modelAttributes().flatMap(models -> batchGet(userIds, fields, models));
        }
        return batchGet(userIds, fields, List.of());
    }

    private Uni<BatchGetResult> batchGet(List<String> userIds, Set<String> fields, List<String> modelAttributes) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(userIds));
        ExpressionBuilder names = new ExpressionBuilder();
        String projection = ProfileFields.projection(fields, modelAttributes, names);
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
                        ProfileItem item = unlessExpired(withModelFeatures(ProfileSchema.SCHEMA.mapToItem(raw), raw));
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

    private static String preconditionDetail(WriteCondition condition) {
        if (condition.ifNoneMatchAny()) {
            return "If-None-Match: * failed: the profile exists";
        }
        return "If-Match failed: the profile is absent or its current ETag differs";
    }

    private static String text(Instant instant) {
        return ProfileTimes.text(instant);
    }
}
