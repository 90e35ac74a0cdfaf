package com.example.profiles.profile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.UnprocessedRetry;
import com.example.profiles.error.ProblemException;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelRegistry;
import com.example.profiles.model.ModelStore;
import com.example.profiles.model.RegistryItem;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Users' vectors in named models, on their existing profile rows ({@code user_features:<model>}, or
 * {@code user_features} for {@code default}). Every write is one transaction of the registry's check that the
 * model is not retired and keeps the vector's dimension ({@link RegistryItem#vectorCheck}), the conditional update
 * of each profile, and the history row of each vector it replaces ({@link VectorValidity}): no vector of another
 * dimension or of a retired model is ever stored, even when a retirement races the write, and no replaced vector
 * misses its history. Bulk writes read their profiles with one BatchGetItem and write up to
 * {@link #USERS_PER_TRANSACTION} users per transaction; a cancelled transaction is answered by its cancellation
 * reasons, so only the lines whose profile changed meanwhile are decided again.
 */
@ApplicationScoped
public class UserVectorStore {

    /** Users per transaction: one registry check and up to two actions per user within DynamoDB's 100. */
    public static final int USERS_PER_TRANSACTION = 49;
    /** Transactions of one bulk write in flight at once. */
    public static final int TRANSACTIONS_IN_FLIGHT = 8;
    /** Decisions of one user's write against a row that keeps changing under it, before it is refused. */
    private static final int ATTEMPTS = 4;
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    private static final String NONE = "None";

    private final ProfileRow row;
    private final VectorValidity validity;
    private final ModelStore models;
    private final RegionRouter regions;
    private final ProfileMetrics metrics;
    private final String table;
    private final String itemsTable;
    private final StoreErrors errors = new StoreErrors("profiles table");
    private final UnprocessedRetry batchRetry;

    public UserVectorStore(ProfileRow row, FeatureHistoryStore history, ModelStore models, RegionRouter regions,
            ProfileMetrics metrics, ProfileConfig config, RecommendConfig recommend) {
        this.row = row;
        this.validity = new VectorValidity(history);
        this.models = models;
        this.regions = regions;
        this.metrics = metrics;
        this.table = config.table();
        this.itemsTable = recommend.itemsTable();
        this.batchRetry = new UnprocessedRetry(config.batchGet().maxAttempts(), config.batchGet().baseBackoff());
    }

    /**
     * The model a vector write names, when it can take vectors: 404 when it is not defined, 409 when it is retired
     * or (only {@code default}) has no dimension yet. Read from the registry without a consistent read: the write's
     * transaction checks the registry again.
     */
    public Uni<ModelDefinition> writable(String model) {
        return definition(model).map(registry -> require(registry, model)).onFailure().transform(errors::translate);
    }

    /**
     * The registry as a decision about {@code model} needs it: an eventually consistent read, read again
     * consistently when it does not know the model or its dimension yet (it may have just been defined).
     */
    private Uni<ModelRegistry> definition(String model) {
        return models.read(false).flatMap(registry -> {
            ModelDefinition definition = registry.get(model);
            return definition == null || definition.dimension() == 0 ? models.read(true) : Uni.createFrom().item(registry);
        });
    }

    /** A model whose vectors can be read: 404 when it is not defined, 409 when it is retired. */
    public Uni<ModelDefinition> readable(String model) {
        return definition(model).map(registry -> {
            ModelDefinition definition = registry.get(model);
            if (definition == null) {
                throw ProblemException.notFound("no model " + model + "; GET /v1/models lists the models");
            }
            if (definition.retired()) {
                throw new ProblemException(409, "Conflict", "model " + model + " is retired; its vectors are being removed");
            }
            return definition;
        }).onFailure().transform(errors::translate);
    }

    /** A user's current vector in one model, and since when it is valid (null when unknown). */
    public record Current(float[] features, String since) {
    }

    /**
     * The user's current vector in {@code model}; null when the user has no live profile or no vector there.
     * Served by a fallback region when the local one fails.
     */
    public Uni<Current> current(String userId, String model) {
        ExpressionBuilder names = new ExpressionBuilder();
        String vector = names.name(ModelDefinition.userAttribute(model));
        String since = names.name(ModelDefinition.userSinceAttribute(model));
        GetItemRequest request = GetItemRequest.builder().tableName(table).key(ProfileRow.key(userId))
                .projectionExpression(String.join(", ", vector, since, names.name(ProfileSchema.EXPIRES_AT)))
                .expressionAttributeNames(names.names())
                .build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.getItem(request)))
                .map(response -> {
                    Map<String, AttributeValue> item = response.hasItem() ? response.item() : null;
                    float[] features = VectorValidity.current(item, model);
                    if (features == null || ProfileExpiry.isExpired(item, Instant.now())) {
                        return null;
                    }
                    return new Current(features, VectorValidity.text(item, ModelDefinition.userSinceAttribute(model)));
                })
                .onFailure().transform(errors::translate);
    }

    /** 422 unless {@code features} has the model's dimension, naming both. */
    public static void requireDimension(ModelDefinition model, float[] features) {
        if (features.length != model.dimension()) {
            throw ProblemException.unprocessable("features has " + features.length + " dimensions; model "
                    + model.name() + " has " + model.dimension());
        }
    }

    private static ModelDefinition require(ModelRegistry registry, String model) {
        ModelDefinition definition = registry.get(model);
        if (definition == null) {
            throw ProblemException.notFound("no model " + model + "; define it first (PUT /v1/models/" + model + ")");
        }
        if (definition.retired()) {
            throw new ProblemException(409, "Conflict", "model " + model + " is retired (since "
                    + definition.retiredAt() + "); its vectors are being removed and no new one is stored");
        }
        if (definition.dimension() == 0) {
            throw new ProblemException(409, "Conflict", "model " + model + " has no dimension yet: the first item"
                    + " embedding written sets it (or define it with PUT /v1/models/" + model + ")");
        }
        return definition;
    }

    /**
     * Stores {@code vector} as the user's vector in {@code model}: 404 when the model or the profile does not
     * exist (no profile is created), 409 when the model is retired or the write is stale, 422 for another dimension.
     */
    public Uni<VectorWritten> put(String model, UserVector vector) {
        return writable(model).flatMap(definition -> {
            requireDimension(definition, vector.features());
            return attempt(definition, vector, row.read(vector.userId()), 1);
        }).onFailure().transform(errors::translate);
    }

    private Uni<VectorWritten> attempt(ModelDefinition model, UserVector vector, Uni<Map<String, AttributeValue>> read,
            int attempt) {
        return read.flatMap(base -> {
            VectorDecision.Outcome outcome = VectorDecision.decide(row, validity, model.name(), vector, base, Instant.now());
            if (outcome instanceof VectorDecision.Refused refused) {
                return Uni.createFrom().failure(refusal(refused));
            }
            if (outcome instanceof VectorDecision.Unchanged unchanged) {
                return Uni.createFrom().item(written(model, vector, unchanged.validFrom(), false));
            }
            VectorDecision.Write write = (VectorDecision.Write) outcome;
            return row.transact(actions(model, List.of(write)))
                    .replaceWith(written(model, vector, write.validFrom(), write.created()))
                    .onFailure(UserVectorStore::cancelled).recoverWithUni(failure -> {
                        List<CancellationReason> reasons = reasons(failure);
                        if (CONDITION_FAILED.equals(reasons.get(0).code())) {
                            return registryRefusal(model, failure);
                        }
                        CancellationReason update = reasons.size() > 1 ? reasons.get(1) : null;
                        if (update == null || !CONDITION_FAILED.equals(update.code())) {
                            return Uni.createFrom().failure(failure);
                        }
                        if (attempt >= ATTEMPTS) {
                            return Uni.createFrom().failure(keptChanging());
                        }
                        return attempt(model, vector, update.hasItem() ? Uni.createFrom().item(update.item())
                                : row.read(vector.userId()), attempt + 1);
                    });
        });
    }

    private static VectorWritten written(ModelDefinition model, UserVector vector, String validFrom, boolean created) {
        return new VectorWritten(vector.userId(), model.name(), model.dimension(), validFrom, created);
    }

    private ProblemException refusal(VectorDecision.Refused refused) {
        if (refused.stale()) {
            metrics.staleWrite();
        }
        return refused.problem();
    }

    /**
     * Stores each vector as its user's vector in {@code model}, whose dimension they were checked against; at most
     * {@link #USERS_PER_TRANSACTION}, of distinct users. Answers the positions (in {@code vectors}) of those it did
     * not store, with why (no profile, stale, the profile kept changing); the others are stored (or already were).
     * Fails as a whole, with nothing written, when the store cannot take the transaction (503: try again) or the
     * registry refuses it (the model was retired, or its dimension is another).
     */
    public Uni<Map<Integer, String>> putBatch(ModelDefinition model, List<UserVector> vectors) {
        if (vectors.size() > USERS_PER_TRANSACTION) {
            throw new IllegalArgumentException("at most " + USERS_PER_TRANSACTION + " users per batch");
        }
        Batch batch = new Batch(model, vectors);
        return readAll(model, batch.ids())
                .flatMap(bases -> {
                    for (int i = 0; i < vectors.size(); i++) {
                        batch.bases[i] = bases.get(vectors.get(i).userId());
                    }
                    return round(batch, 1);
                })
                .map(ignored -> batch.refused())
                .onFailure().transform(errors::translate);
    }

    /** The lines of one bulk write, the rows they are decided on and what became of them. */
    private static final class Batch {
        final ModelDefinition model;
        final List<UserVector> vectors;
        final Map<String, AttributeValue>[] bases;
        final VectorDecision.Outcome[] outcomes;
        final String[] rejections;

        @SuppressWarnings("unchecked")
        Batch(ModelDefinition model, List<UserVector> vectors) {
            this.model = model;
            this.vectors = vectors;
            this.bases = new Map[vectors.size()];
            this.outcomes = new VectorDecision.Outcome[vectors.size()];
            this.rejections = new String[vectors.size()];
        }

        Map<Integer, String> refused() {
            Map<Integer, String> refused = new HashMap<>();
            for (int i = 0; i < rejections.length; i++) {
                if (rejections[i] != null) {
                    refused.put(i, rejections[i]);
                }
            }
            return refused;
        }

        List<String> ids() {
            Set<String> ids = new LinkedHashSet<>();
            vectors.forEach(vector -> ids.add(vector.userId()));
            if (ids.size() != vectors.size()) {
                throw new IllegalArgumentException("one user twice in one batch");
            }
            return List.copyOf(ids);
        }
    }

    /** Decides every line without an outcome, writes the writes, and goes again for those whose row changed. */
    private Uni<Void> round(Batch batch, int attempt) {
        Instant clock = Instant.now();
        List<Integer> writes = new ArrayList<>();
        for (int i = 0; i < batch.vectors.size(); i++) {
            if (batch.outcomes[i] == null) {
                batch.outcomes[i] = VectorDecision.decide(row, validity, batch.model.name(), batch.vectors.get(i),
                        batch.bases[i], clock);
                if (batch.outcomes[i] instanceof VectorDecision.Refused refused) {
                    batch.rejections[i] = refusal(refused).detail();
                }
            }
            if (batch.outcomes[i] instanceof VectorDecision.Write) {
                writes.add(i);
            }
        }
        if (writes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return commit(batch, writes).flatMap(changed -> {
            if (changed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> unknown = new ArrayList<>();
            for (int i : changed) {
                if (attempt >= ATTEMPTS) {
                    batch.outcomes[i] = new VectorDecision.Refused(keptChanging(), false);
                    batch.rejections[i] = keptChanging().detail();
                } else {
                    batch.outcomes[i] = null;
                    if (batch.bases[i] == null) {
                        unknown.add(batch.vectors.get(i).userId());
                    }
                }
            }
            Uni<Void> reread = unknown.isEmpty() ? Uni.createFrom().voidItem()
                    : readAll(batch.model, unknown).invoke(read -> {
                        for (int i : changed) {
                            if (batch.bases[i] == null) {
                                batch.bases[i] = read.get(batch.vectors.get(i).userId());
                            }
                        }
                    }).replaceWithVoid();
            return reread.flatMap(ignored -> round(batch, attempt + 1));
        });
    }

    /**
     * Writes the decided writes in one transaction; answers the lines whose update was refused because their row
     * changed since it was read (their base is then the row as the refusal reports it, or null: read it again).
     * The other lines of a cancelled transaction keep their decision and go in the next round. A transaction the
     * store refuses as too large is split in two; a single write it refuses is rejected with the reason.
     */
    private Uni<List<Integer>> commit(Batch batch, List<Integer> writes) {
        List<VectorDecision.Write> parts = writes.stream().map(i -> (VectorDecision.Write) batch.outcomes[i]).toList();
        return row.transact(actions(batch.model, parts)).replaceWith(List.<Integer>of())
                .onFailure(UserVectorStore::cancelled).recoverWithUni(failure -> {
                    List<CancellationReason> reasons = reasons(failure);
                    if (CONDITION_FAILED.equals(reasons.get(0).code())) {
                        return registryRefusal(batch.model, failure);
                    }
                    List<Integer> changed = new ArrayList<>();
                    int action = 1;
                    for (int k = 0; k < writes.size(); k++) {
                        CancellationReason reason = action < reasons.size() ? reasons.get(action) : null;
                        String code = reason == null ? NONE : String.valueOf(reason.code());
                        if (CONDITION_FAILED.equals(code)) {
                            int i = writes.get(k);
                            changed.add(i);
                            batch.bases[i] = reason.hasItem() ? reason.item() : null;
                        } else if (!NONE.equals(code) && !"null".equals(code)) {
                            // Contention or throttling: the whole batch is tried again later.
                            return Uni.createFrom().failure(failure);
                        }
                        action += parts.get(k).history() == null ? 1 : 2;
                    }
                    if (changed.isEmpty()) {
                        return Uni.createFrom().failure(failure);
                    }
                    return Uni.createFrom().item(changed);
                })
                .onFailure(UserVectorStore::tooLarge).recoverWithUni(failure -> {
                    if (writes.size() == 1) {
                        int i = writes.get(0);
                        ProblemException problem = errors.translate(failure);
                        batch.outcomes[i] = new VectorDecision.Refused(problem, false);
                        batch.rejections[i] = problem.detail();
                        return Uni.createFrom().item(List.<Integer>of());
                    }
                    int half = writes.size() / 2;
                    return commit(batch, writes.subList(0, half)).flatMap(first -> commit(batch, writes.subList(half,
                            writes.size())).map(second -> {
                                List<Integer> both = new ArrayList<>(first);
                                both.addAll(second);
                                return both;
                            }));
                });
    }

    /** The registry's check first, then each write's update and the history row of what it replaces. */
    private List<TransactWriteItem> actions(ModelDefinition model, List<VectorDecision.Write> writes) {
        RegistryItem.VectorCheck check = RegistryItem.vectorCheck(model.name(), model.dimension());
        List<TransactWriteItem> actions = new ArrayList<>(1 + 2 * writes.size());
        actions.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(itemsTable)
                .key(RegistryItem.key())
                .conditionExpression(check.expression())
                .expressionAttributeNames(check.names())
                .expressionAttributeValues(check.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE)
                .build()).build());
        for (VectorDecision.Write write : writes) {
            actions.add(TransactWriteItem.builder().update(write.update()).build());
            if (write.history() != null) {
                actions.add(TransactWriteItem.builder().put(write.history()).build());
            }
        }
        return actions;
    }

    /** Why the registry refused a write, read again consistently: the model was retired or changed meanwhile. */
    private <T> Uni<T> registryRefusal(ModelDefinition model, Throwable failure) {
        return models.read(true).flatMap(registry -> {
            ModelDefinition now = require(registry, model.name());
            if (now.dimension() != model.dimension()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("features has " + model.dimension()
                        + " dimensions; model " + model.name() + " has " + now.dimension()));
            }
            // The registry passes again: the write may be tried again.
            return Uni.createFrom().failure(ProblemException.unavailable("the model registry changed during the write;"
                    + " retry", 1, failure));
        });
    }

    /**
     * The rows of {@code userIds} as a write decides on them (consistent, local): key, version, expiry, and the
     * model's vector, its start and its event time. Users without a row are absent from the answer.
     */
    private Uni<Map<String, Map<String, AttributeValue>>> readAll(ModelDefinition model, List<String> userIds) {
        ExpressionBuilder names = new ExpressionBuilder();
        String projection = String.join(", ", List.of(ProfileSchema.USER_ID, ProfileSchema.VERSION,
                ProfileSchema.EXPIRES_AT, ModelDefinition.userAttribute(model.name()),
                ModelDefinition.userSinceAttribute(model.name()), ModelDefinition.userEventTimeAttribute(model.name()))
                .stream().map(names::name).toList());
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = userIds.stream().map(ProfileRow::key).toList();
        return batchRetry.run(keys, "profiles", pending -> {
            BatchGetItemRequest request = BatchGetItemRequest.builder()
                    .requestItems(Map.of(table, KeysAndAttributes.builder().keys(pending).consistentRead(true)
                            .projectionExpression(projection).expressionAttributeNames(names.names()).build()))
                    .build();
            return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.batchGetItem(request)))
                    .map(response -> {
                        response.responses().getOrDefault(table, List.of())
                                .forEach(item -> found.put(item.get(ProfileSchema.USER_ID).s(), item));
                        KeysAndAttributes unprocessed = response.unprocessedKeys().get(table);
                        return unprocessed == null || !unprocessed.hasKeys() ? List.<Map<String, AttributeValue>>of()
                                : unprocessed.keys();
                    });
        }).replaceWith(found);
    }

    private static boolean cancelled(Throwable failure) {
        return StoreErrors.unwrap(failure) instanceof TransactionCanceledException t && t.hasCancellationReasons()
                && !t.cancellationReasons().isEmpty();
    }

    private static List<CancellationReason> reasons(Throwable failure) {
        return ((TransactionCanceledException) StoreErrors.unwrap(failure)).cancellationReasons();
    }

    /** A request DynamoDB refuses for its size: an item over 400 KB, or a transaction over 4 MB. */
    private static boolean tooLarge(Throwable failure) {
        return StoreErrors.unwrap(failure) instanceof DynamoDbException d && !(d instanceof TransactionCanceledException)
                && d.awsErrorDetails() != null && String.valueOf(d.awsErrorDetails().errorCode()).contains("Validation")
                && String.valueOf(d.awsErrorDetails().errorMessage()).toLowerCase(java.util.Locale.ROOT).contains("size");
    }

    private static ProblemException keptChanging() {
        return new ProblemException(409, "Conflict", "the profile kept changing under concurrent writes during this one; retry");
    }
}
