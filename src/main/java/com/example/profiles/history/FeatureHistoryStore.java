package com.example.profiles.history;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.dynamo.UnprocessedRetry;
import com.example.profiles.model.ModelNames;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Past feature vectors of each user: one row per vector that was replaced or removed, holding the
 * half-open interval {@code [valid_from, valid_to)} in which it was the user's vector in its model. Times are
 * the fixed-width UTC text of the profile store, so text order is time order.
 * <p>
 * The sort key of a {@code default} vector is its start time, as it always was; the key of another model's
 * vector is {@code @<model>#<start>}. Every time text starts with a digit and {@code @} sorts after the digits,
 * so a {@code default} lookup ({@code valid_from <= time}) never reaches another model's rows; and {@code #},
 * which no model name holds, sorts before every character a model name may hold, so the rows of one model are
 * exactly the keys between {@code @<model>#} and {@code @<model>#<time>}, never those of a model whose name
 * extends it ({@code books} and {@code books-v2}).
 */
@ApplicationScoped
public class FeatureHistoryStore {

    public static final String USER_ID = "user_id";
    public static final String VALID_FROM = "valid_from";
    public static final String VALID_TO = "valid_to";
    public static final String VECTOR = "user_features";

    private static final FeatureVectorConverter FEATURES = new FeatureVectorConverter();
    private static final int DELETE_BATCH = 25;
    /** Sorts after every digit, so after every time text. */
    private static final String MODEL_MARK = "@";
    private static final char MODEL_END = '#';
    /** Parallel segments of the scan that removes a retired model's rows, and batch deletions in flight. */
    private static final PagedScan.Policy PURGE_SCAN = new PagedScan.Policy(4, null, 5, java.time.Duration.ofMillis(200));
    private static final int PURGE_IN_FLIGHT = 4;

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

    /** The sort key of the {@code model} vector valid from {@code validFrom}. */
    static String sortKey(String model, String validFrom) {
        return ModelNames.DEFAULT.equals(model) ? validFrom : modelPrefix(model) + validFrom;
    }

    /** Where the sort keys of a model other than {@code default} start. */
    private static String modelPrefix(String model) {
        return MODEL_MARK + model + MODEL_END;
    }

    /**
     * The write of a {@code model} vector that was valid in {@code [validFrom, validTo)}, as a part of the
     * transaction that replaces it, so that the profile never holds a new vector whose predecessor's range is not
     * recorded. Idempotent: the key is the user, the model and the start.
     */
    public Put validity(String userId, String model, String validFrom, String validTo, float[] vector) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(USER_ID, AttributeValue.fromS(userId));
        item.put(VALID_FROM, AttributeValue.fromS(sortKey(model, validFrom)));
        item.put(VALID_TO, AttributeValue.fromS(validTo));
        item.put(VECTOR, FEATURES.transformFrom(vector));
        return Put.builder().tableName(table).item(item).build();
    }

    /** The past {@code model} vector valid at {@code time} (fixed-width text), or null when none was. */
    public Uni<float[]> at(String userId, String model, String time) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":u", AttributeValue.fromS(userId));
        values.put(":t", AttributeValue.fromS(sortKey(model, time)));
        String range;
        if (ModelNames.DEFAULT.equals(model)) {
            range = "#f <= :t";
        } else {
            range = "#f BETWEEN :m AND :t";
            values.put(":m", AttributeValue.fromS(modelPrefix(model)));
        }
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#u = :u AND " + range)
                .expressionAttributeNames(Map.of("#u", USER_ID, "#f", VALID_FROM))
                .expressionAttributeValues(values)
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

    /** Erases a user's feature history in every model, 25 rows per batch; completes when none is left. */
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

    /**
     * Removes every row of {@code model}, of all users: a segmented Scan of the local table for the model's keys,
     * deleted 25 at a time. Idempotent, so it may run again after a crash; answers how many rows it deleted.
     */
    public Uni<Long> deleteModel(String model) {
        Map<String, AttributeValue> values = new HashMap<>();
        String filter;
        if (ModelNames.DEFAULT.equals(model)) {
            filter = "NOT begins_with(#f, :m)";
            values.put(":m", AttributeValue.fromS(MODEL_MARK));
        } else {
            filter = "begins_with(#f, :m)";
            values.put(":m", AttributeValue.fromS(modelPrefix(model)));
        }
        ScanRequest request = ScanRequest.builder().tableName(table)
                .filterExpression(filter)
                .projectionExpression("#u, #f")
                .expressionAttributeNames(Map.of("#u", USER_ID, "#f", VALID_FROM))
                .expressionAttributeValues(values)
                .build();
        AtomicLong deleted = new AtomicLong();
        return PagedScan.items(regions.local().client(), request, PURGE_SCAN, failure -> errors.translate(failure).status() == 503)
                .group().intoLists().of(DELETE_BATCH)
                .onItem().transformToUni(keys -> {
                    List<WriteRequest> deletes = keys.stream()
                            .map(key -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build())
                            .toList();
                    return UnprocessedRetry.DEFAULT.run(deletes, "feature history deletions", this::deleteRound)
                            .invoke(() -> deleted.addAndGet(deletes.size()));
                }).merge(PURGE_IN_FLIGHT)
                .collect().last()
                .map(ignored -> deleted.get())
                .onFailure().transform(errors::translate);
    }

    private Uni<List<WriteRequest>> deleteRound(List<WriteRequest> batch) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder().requestItems(Map.of(table, batch)).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.batchWriteItem(request)))
                .map(response -> response.unprocessedItems().getOrDefault(table, List.of()));
    }
}
