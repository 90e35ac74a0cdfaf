package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelRegistry;
import com.example.profiles.model.RegistryItem;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Writes one model's vectors onto existing items: each write is one transaction of the registry's check (the model
 * keeps the vectors' dimension and is not retired, {@link RegistryItem#vectorCheck}) and an update per item that
 * sets the model's attribute ({@link ModelDefinition#itemAttribute}, for {@code default} the {@code embedding} that
 * {@code /v1/items} writes, in the same encoding) and the change stamp ({@link ItemChanges}), so that every pod's
 * next incremental refresh loads it. An update requires the item to exist and not be a tombstone: a vector never
 * creates an item. The item's other attributes, and its vectors in other models, are left as they are.
 */
@ApplicationScoped
public class ItemVectorStore {

    private static final StoreErrors ERRORS = new StoreErrors("items table");
    private static final FeatureVectorConverter VECTORS = new FeatureVectorConverter();

    private final DynamoDbAsyncClient dynamo;
    private final ItemStore items;
    private final String tableName;

    public ItemVectorStore(DynamoDbAsyncClient dynamo, ItemStore items, RecommendConfig config) {
        this.dynamo = dynamo;
        this.items = items;
        this.tableName = config.itemsTable();
    }

    /**
     * Sets the item's vector in {@code model}, of {@code dimension} numbers; true when the item had none in that
     * model. 404 when the item does not exist; 404, 409 or 422 when the registry refused (see
     * {@link #registryRefusal}).
     */
    public Uni<Boolean> put(String model, int dimension, ItemVector vector) {
        // A transaction answers no old image: "created" is the write that required the item to have no vector.
        return transact(model, dimension, List.of(vector), true).replaceWith(true)
                .onFailure(failure -> !ItemStore.conditionFailed(failure, 0) && ItemStore.conditionFailed(failure, 1)
                        && isItem(ItemStore.reason(failure, 1)))
                .recoverWithUni(() -> transact(model, dimension, List.of(vector), false).replaceWith(false))
                .onFailure().transform(failure -> {
                    if (!ItemStore.conditionFailed(failure, 0) && ItemStore.conditionFailed(failure, 1)) {
                        return ProblemException.notFound(noItem(vector.itemId()));
                    }
                    return translate(failure, model, dimension);
                });
    }

    /**
     * Sets the vectors of up to {@link ItemStore#BATCH_SIZE} items (distinct ids) in {@code model}: the items that
     * exist are written in one transaction, the others are refused. Answers the refused positions with why; fails
     * (writing none) when the registry refused or the store failed.
     */
    public Uni<Map<Integer, String>> putBatch(String model, int dimension, List<ItemVector> vectors) {
        if (vectors.size() > ItemStore.BATCH_SIZE) {
            throw new IllegalArgumentException("at most " + ItemStore.BATCH_SIZE + " vectors per batch");
        }
        List<Integer> positions = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            positions.add(i);
        }
        return putExisting(model, dimension, vectors, positions, new HashMap<>());
    }

    /**
     * Writes the vectors at {@code positions}; when the transaction is cancelled because some items are missing
     * (their update's condition failed), those are refused and the rest written again, until a transaction
     * succeeds or no vector is left. Each round refuses at least one, so there are at most as many as vectors.
     */
    private Uni<Map<Integer, String>> putExisting(String model, int dimension, List<ItemVector> vectors,
                                                  List<Integer> positions, Map<Integer, String> refused) {
        if (positions.isEmpty()) {
            return Uni.createFrom().item(refused);
        }
        List<ItemVector> batch = positions.stream().map(vectors::get).toList();
        return transact(model, dimension, batch, false).replaceWith(refused)
                .onFailure(failure -> !ItemStore.conditionFailed(failure, 0) && anyItemMissing(failure, batch.size()))
                .recoverWithUni(failure -> {
                    List<Integer> rest = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        if (ItemStore.conditionFailed(failure, i + 1)) {
                            refused.put(positions.get(i), noItem(batch.get(i).itemId()));
                        } else {
                            rest.add(positions.get(i));
                        }
                    }
                    return putExisting(model, dimension, vectors, rest, refused);
                })
                .onFailure().transform(failure -> translate(failure, model, dimension));
    }

    private static boolean anyItemMissing(Throwable failure, int items) {
        for (int i = 1; i <= items; i++) {
            if (ItemStore.conditionFailed(failure, i)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a failed update found the item (it had a vector already) rather than no item or a tombstone. */
    private static boolean isItem(CancellationReason reason) {
        Map<String, AttributeValue> old = reason.item();
        return old != null && !old.isEmpty() && !ItemChanges.isTombstone(old);
    }

    static String noItem(String itemId) {
        return "no item " + itemId + ": a vector for an item id that does not exist is not stored; write the item"
                + " first (PUT /v1/items/" + itemId + ")";
    }

    /**
     * @param absent whether each update also requires the item to have no vector in {@code model} yet (and
     *               answers the item when that fails)
     */
    private Uni<Void> transact(String model, int dimension, List<ItemVector> vectors, boolean absent) {
        return Uni.createFrom().completionStage(() -> {
            long now = System.currentTimeMillis();
            List<TransactWriteItem> actions = new ArrayList<>(vectors.size() + 1);
            actions.add(items.registryCheck(model, dimension));
            for (ItemVector vector : vectors) {
                actions.add(TransactWriteItem.builder().update(update(model, vector, now, absent)).build());
            }
            return dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(actions).build());
        }).replaceWithVoid();
    }

    private Update update(String model, ItemVector vector, long now, boolean absent) {
        ExpressionBuilder expression = new ExpressionBuilder();
        Map<String, AttributeValue> stamped = new HashMap<>();
        stamped.put(ItemSchema.ITEM_ID, AttributeValue.fromS(vector.itemId()));
        ItemChanges.stamp(stamped, now);
        stamped.remove(ItemSchema.ITEM_ID);
        stamped.put(ModelDefinition.itemAttribute(model), VECTORS.transformFrom(vector.embedding()));
        stamped.forEach((name, value) -> expression.set(expression.name(name), expression.value(value)));
        expression.condition("attribute_exists(" + expression.name(ItemSchema.ITEM_ID) + ")");
        expression.condition("attribute_not_exists(" + expression.name(ItemChanges.DELETED) + ")");
        if (absent) {
            expression.condition("attribute_not_exists(" + expression.name(ModelDefinition.itemAttribute(model)) + ")");
        }
        Update.Builder update = Update.builder().tableName(tableName)
                .key(Map.of(ItemSchema.ITEM_ID, AttributeValue.fromS(vector.itemId())))
                .updateExpression(expression.updateExpression())
                .conditionExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values());
        if (absent) {
            update.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        }
        return update.build();
    }

    private static ProblemException translate(Throwable failure, String model, int dimension) {
        if (ItemStore.conditionFailed(failure, 0)) {
            ProblemException refusal = registryRefusal(RegistryItem.read(ItemStore.reason(failure, 0).item()), model,
                    dimension);
            return refusal != null ? refusal
                    : new ProblemException(409, "Conflict", "the model registry changed during the write; retry");
        }
        return ERRORS.translate(failure);
    }

    /**
     * Why the registry refuses vectors of {@code dimension} in {@code model}: no such model (404), retired (409),
     * another dimension (422 naming both); null when it accepts them.
     */
    static ProblemException registryRefusal(ModelRegistry registry, String model, int dimension) {
        ModelDefinition definition = registry.get(model);
        if (definition == null) {
            return ProblemException.notFound("no model " + model + "; define it first (PUT /v1/models/" + model + ")");
        }
        if (definition.retired()) {
            return new ProblemException(409, "Conflict", "model " + model + " is retired: its vectors are no longer"
                    + " kept; write them to a model that is not retired");
        }
        if (definition.dimension() != dimension) {
            return ProblemException.unprocessable("embedding has " + dimension + " dimensions; model " + model
                    + " has " + definition.dimension());
        }
        return null;
    }
}
