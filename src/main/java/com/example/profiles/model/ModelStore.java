package com.example.profiles.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Reads and changes the model registry ({@link RegistryItem}). Every change is a read of the whole registry,
 * a decision in Java over that consistent view, and one UpdateItem conditioned on the version it read: two
 * changes racing (a retire against a split naming the model, two definitions of one name) cannot both apply
 * to the same state. A lost race reads again, a few times, before answering 409.
 */
@ApplicationScoped
public class ModelStore {

    private static final int ATTEMPTS = 5;
    private static final StoreErrors ERRORS = new StoreErrors("items table");

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public ModelStore(DynamoDbAsyncClient dynamo, RecommendConfig config) {
        this.dynamo = dynamo;
        this.table = config.itemsTable();
    }

    /** The registry; {@code consistent} for a read a change decides on. */
    public Uni<ModelRegistry> read(boolean consistent) {
        GetItemRequest request = GetItemRequest.builder().tableName(table).key(RegistryItem.key())
                .consistentRead(consistent).build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(response -> RegistryItem.read(response.hasItem() ? response.item() : null))
                .onFailure().transform(ERRORS::translate);
    }

    /**
     * What one change does to the registry: the attributes to set ({@code null} value: remove), and the answer
     * to give; or, with no attributes, the answer alone (nothing to write).
     */
    public record Change<T>(Map<String, AttributeValue> attributes, T answer) {

        public static <T> Change<T> none(T answer) {
            return new Change<>(Map.of(), answer);
        }
    }

    /**
     * Applies the change {@code decide} computes from the current registry; {@code decide} may throw a
     * {@link ProblemException} to refuse it.
     */
    public <T> Uni<T> change(Function<ModelRegistry, Change<T>> decide) {
        return attempt(decide, 1).onFailure().transform(ERRORS::translate);
    }

    private <T> Uni<T> attempt(Function<ModelRegistry, Change<T>> decide, int attempt) {
        return read(true).flatMap(registry -> {
            Change<T> change = decide.apply(registry);
            if (change.attributes().isEmpty()) {
                return Uni.createFrom().item(change.answer());
            }
            return write(registry.version(), change.attributes()).replaceWith(change.answer())
                    .onFailure(ConditionalCheckFailedException.class).recoverWithUni(lost -> {
                        if (attempt >= ATTEMPTS) {
                            return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                                    "the model registry kept changing during the request; retry"));
                        }
                        return attempt(decide, attempt + 1);
                    });
        });
    }

    private Uni<Void> write(long version, Map<String, AttributeValue> attributes) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder();
        StringBuilder remove = new StringBuilder();
        int i = 0;
        for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
            String name = "#a" + i;
            names.put(name, attribute.getKey());
            if (attribute.getValue() == null) {
                remove.append(remove.length() == 0 ? "" : ", ").append(name);
            } else {
                values.put(":a" + i, attribute.getValue());
                set.append(", ").append(name).append(" = :a").append(i);
            }
            i++;
        }
        names.put("#v", RegistryItem.VERSION);
        values.put(":next", AttributeValue.fromN(Long.toString(version + 1)));
        String condition;
        if (version == 0) {
            condition = "attribute_not_exists(#v)";
        } else {
            values.put(":version", AttributeValue.fromN(Long.toString(version)));
            condition = "#v = :version";
        }
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(RegistryItem.key())
                .updateExpression("SET #v = :next" + set + (remove.length() == 0 ? "" : " REMOVE " + remove))
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.updateItem(request)).replaceWithVoid();
    }
}
