package com.example.profiles.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.Backoff;
import com.example.profiles.dynamo.ParallelScan;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.StoreErrors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Reads and writes the Items table. */
@ApplicationScoped
public class ItemStore {

    /** BatchWriteItem takes at most 25 items per call. */
    public static final int BATCH_SIZE = 25;
    private static final int BATCH_ATTEMPTS = 8;
    private static final Duration BASE_BACKOFF = Duration.ofMillis(25);

    private final DynamoDbAsyncClient dynamo;
    private final DynamoDbAsyncTable<CatalogItem> table;
    private final String tableName;
    private final StoreErrors errors;

    public ItemStore(DynamoDbAsyncClient dynamo, DynamoDbEnhancedAsyncClient enhanced, RecommendConfig config,
            StoreErrors errors) {
        this.dynamo = dynamo;
        this.tableName = config.itemsTable();
        this.table = enhanced.table(tableName, ItemSchema.SCHEMA);
        this.errors = errors;
    }

    public String tableName() {
        return tableName;
    }

    public Uni<CatalogItem> get(String itemId) {
        return Uni.createFrom().completionStage(() -> table.getItem(Key.builder().partitionValue(itemId).build()))
                .onFailure().transform(errors::translate);
    }

    /** Creates or replaces the item; true when it was created. */
    public Uni<Boolean> put(CatalogItem item) {
        PutItemEnhancedRequest<CatalogItem> request = PutItemEnhancedRequest.builder(CatalogItem.class)
                .item(item)
                .returnValues(ReturnValue.ALL_OLD)
                .build();
        return Uni.createFrom().completionStage(() -> table.putItemWithResponse(request))
                .map(response -> response.attributes() == null)
                .onFailure().transform(errors::translate);
    }

    /**
     * Writes up to {@link #BATCH_SIZE} items with one BatchWriteItem, retrying unprocessed items
     * with jittered exponential backoff; fails with 503 if some stay unprocessed.
     */
    public Uni<Void> putBatch(List<CatalogItem> items) {
        if (items.size() > BATCH_SIZE) {
            throw new IllegalArgumentException("at most " + BATCH_SIZE + " items per batch");
        }
        List<WriteRequest> writes = items.stream()
                .map(item -> WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(ItemSchema.SCHEMA.itemToMap(item, true)).build())
                        .build())
                .toList();
        return writeRound(writes, 1).onFailure().transform(errors::translate);
    }

    private Uni<Void> writeRound(List<WriteRequest> writes, int attempt) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                .requestItems(Map.of(tableName, writes))
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.batchWriteItem(request))
                .flatMap(response -> {
                    List<WriteRequest> unprocessed = response.unprocessedItems().getOrDefault(tableName, List.of());
                    if (unprocessed.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (attempt >= BATCH_ATTEMPTS) {
                        return Uni.createFrom().failure(ProblemException.unavailable(
                                unprocessed.size() + " items stayed unprocessed; retry", 1, null));
                    }
                    Duration delay = Backoff.fullJitter(BASE_BACKOFF, attempt);
                    return Uni.createFrom().voidItem().onItem().delayIt().by(delay)
                            .flatMap(ignored -> writeRound(unprocessed, attempt + 1));
                });
    }

    /** Every item's id, title and embedding, from a parallel Scan. */
    public Multi<CatalogItem> scanForCatalog(int segments) {
        return ParallelScan.items(table, segments, request -> request.attributesToProject(ItemSchema.LOAD_PROJECTION))
                .onFailure().transform(errors::translate);
    }

    /** Whether the table holds at least one item. */
    public Uni<Boolean> isEmpty() {
        ScanEnhancedRequest request = ScanEnhancedRequest.builder().limit(1).build();
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(table.scan(request).items()))
                .select().first().toUni()
                .map(first -> first == null)
                .onFailure().transform(errors::translate);
    }
}
