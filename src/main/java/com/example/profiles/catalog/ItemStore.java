package com.example.profiles.catalog;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.ParallelScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.dynamo.UnprocessedRetry;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.enhanced.dynamodb.NestedAttributeName;
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
    private static final StoreErrors ERRORS = new StoreErrors("items table");

    private final DynamoDbAsyncClient dynamo;
    private final DynamoDbAsyncTable<CatalogItem> table;
    private final String tableName;

    public ItemStore(DynamoDbAsyncClient dynamo, DynamoDbEnhancedAsyncClient enhanced, RecommendConfig config) {
        this.dynamo = dynamo;
        this.tableName = config.itemsTable();
        this.table = enhanced.table(tableName, ItemSchema.SCHEMA);
    }

    public String tableName() {
        return tableName;
    }

    /** How failures of this table become problems. */
    public StoreErrors errors() {
        return ERRORS;
    }

    public Uni<CatalogItem> get(String itemId) {
        return Uni.createFrom().completionStage(() -> table.getItem(Key.builder().partitionValue(itemId).build()))
                .onFailure().transform(ERRORS::translate);
    }

    /** Creates or replaces the item; true when it was created. */
    public Uni<Boolean> put(CatalogItem item) {
        PutItemEnhancedRequest<CatalogItem> request = PutItemEnhancedRequest.builder(CatalogItem.class)
                .item(item)
                .returnValues(ReturnValue.ALL_OLD)
                .build();
        return Uni.createFrom().completionStage(() -> table.putItemWithResponse(request))
                .map(response -> response.attributes() == null)
                .onFailure().transform(ERRORS::translate);
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
        return UnprocessedRetry.DEFAULT.run(writes, "items", this::writeRound).onFailure().transform(ERRORS::translate);
    }

    /** One BatchWriteItem; its item is what DynamoDB left unprocessed. */
    private Uni<List<WriteRequest>> writeRound(List<WriteRequest> writes) {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                .requestItems(Map.of(tableName, writes))
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.batchWriteItem(request))
                .map(response -> response.unprocessedItems().getOrDefault(tableName, List.of()));
    }

    /** Every item's id, title, embedding and the given facets, from a parallel Scan. */
    public Multi<CatalogItem> scanForCatalog(int segments, List<String> facets) {
        List<NestedAttributeName> projection = ItemFacets.projection(facets);
        return ParallelScan.items(table, segments, request -> request.addNestedAttributesToProject(projection))
                .onFailure().transform(ERRORS::translate);
    }

    /** Whether the table holds at least one item. */
    public Uni<Boolean> isEmpty() {
        ScanEnhancedRequest request = ScanEnhancedRequest.builder().limit(1).build();
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(table.scan(request).items()))
                .select().first().toUni()
                .map(first -> first == null)
                .onFailure().transform(ERRORS::translate);
    }
}
