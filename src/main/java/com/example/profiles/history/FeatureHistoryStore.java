package com.example.profiles.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.dynamo.UnprocessedRetry;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Past feature vectors of each user: one row per vector that was replaced or removed, holding the
 * half-open interval {@code [valid_from, valid_to)} in which it was the user's vector. Times are
 * the fixed-width UTC text of the profile store, so text order is time order.
 */
@ApplicationScoped
public class FeatureHistoryStore {

    public static final String USER_ID = "user_id";
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final String VECTOR = "user_features";

    private static final FeatureVectorConverter FEATURES = new FeatureVectorConverter();
    private static final int DELETE_BATCH = 25;

    private final RegionRouter regions;
    private final String table;
    private final StoreErrors errors = new StoreErrors("feature history table");

    public FeatureHistoryStore(RegionRouter regions, FeatureHistoryConfig config) {
        this.regions = regions;
        this.table = config.table();
    }

    public static TableSpec table(String name) {
        return new TableSpec(name, USER_ID, VALID_FROM, null, null);
    }

    /**
     * The write of a vector that was valid in {@code [validFrom, validTo)}, as a part of the transaction that
     * replaces it, so that the profile never holds a new vector whose predecessor's range is not recorded.
     * Idempotent: the key is the user and the start.
     */
    public Put validity(String userId, String validFrom, String validTo, float[] vector) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USER_ID, AttributeValue.fromS(userId));
        item.put(VALID_FROM, AttributeValue.fromS(validFrom));
        item.put(VALID_TO, AttributeValue.fromS(validTo));
        item.put(VECTOR, FEATURES.transformFrom(vector));
        return Put.builder().tableName(table).item(item).build();
    }

    /** The past vector valid at {@code time} (fixed-width text), or null when none was. */
    public Uni<float[]> at(String userId, String time) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#u = :u AND #f <= :t")
                .expressionAttributeNames(Map.of("#u", USER_ID, "#f", VALID_FROM))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId), ":t", AttributeValue.fromS(time)))
                .scanIndexForward(false)
                .limit(1)
                .build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.query(request)))
                .map(response -> {
                    if (response.items().isEmpty()) {
                        return null;
                    }
                    Map<String, AttributeValue> row = response.items().get(0);
                    return row.get(VALID_TO).s().compareTo(time) > 0 ? FEATURES.transformTo(row.get(VECTOR)) : null;
                })
                .onFailure().transform(errors::translate);
    }

    /** Erases a user's feature history, 25 rows per batch; completes when none is left. */
    public Uni<Void> deleteAll(String userId) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#u = :u")
                .expressionAttributeNames(Map.of("#u", USER_ID, "#f", VALID_FROM))
                .expressionAttributeValues(Map.of(":u", AttributeValue.fromS(userId)))
                .projectionExpression("#u, #f")
                .consistentRead(true)
                .limit(DELETE_BATCH)
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.query(request)))
                .flatMap(response -> {
                    if (response.items().isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    List<WriteRequest> deletes = response.items().stream()
                            .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                            .toList();
                    return UnprocessedRetry.DEFAULT.run(deletes, "feature history deletions", this::deleteRound)
                            .flatMap(ignored -> deleteAll(userId));
                })
                .onFailure().transform(errors::translate);
    }

    private Uni<List<WriteRequest>> deleteRound(List<WriteRequest> batch) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(Map.of(table, batch)).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.batchWriteItem(request)))
                .map(response -> response.unprocessedItems().getOrDefault(table, List.of()));
    }
}
