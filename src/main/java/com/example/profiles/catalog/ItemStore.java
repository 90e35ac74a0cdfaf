package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Reads and writes the Items table. */
@ApplicationScoped
public class ItemStore {

    /** Items per write transaction (which takes 100 actions): 25, plus the manifest check. */
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

    /** The dimension the store keeps for the catalog (a strongly consistent read), or 0 while none is set. */
    public Uni<Integer> storedDimension() {
        GetItemRequest request = GetItemRequest.builder()
                .tableName(tableName).key(CatalogManifest.key()).consistentRead(true).build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(response -> CatalogManifest.dimensionOf(response.item()))
                .onFailure().transform(ERRORS::translate);
    }

    /** Makes {@code dimension} the catalog's unless the store has one already; answers the stored one. */
    public Uni<Integer> claimDimension(int dimension) {
        Map<String, AttributeValue> manifest = new HashMap<>(CatalogManifest.key());
        manifest.put(CatalogManifest.DIMENSION, AttributeValue.fromN(Integer.toString(dimension)));
        PutItemRequest request = PutItemRequest.builder()
                .tableName(tableName).item(manifest)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ItemSchema.ITEM_ID))
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.putItem(request))
                .replaceWith(dimension)
                .onFailure(ConditionalCheckFailedException.class).recoverWithUni(this::storedDimension)
                .onFailure().transform(ERRORS::translate);
    }

    /**
     * Creates or replaces the item in a transaction that checks the stored dimension is {@code dimension};
     * true when it was created.
     */
    public Uni<Boolean> put(CatalogItem item, int dimension) {
        Map<String, AttributeValue> raw = ItemSchema.SCHEMA.itemToMap(item, true);
        Put create = Put.builder().tableName(tableName).item(raw)
                .conditionExpression("attribute_not_exists(#id)")
                .expressionAttributeNames(Map.of("#id", ItemSchema.ITEM_ID))
                .build();
        Put replace = Put.builder().tableName(tableName).item(raw).build();
        // A transaction answers no old image: "created" is the put that required the item to be absent.
        return transact(dimension, List.of(create)).replaceWith(true)
                .onFailure(ItemStore::putConditionFailed)
                .recoverWithUni(() -> transact(dimension, List.of(replace)).replaceWith(false))
                .onFailure().transform(ItemStore::translate);
    }

    /**
     * Writes up to {@link #BATCH_SIZE} items in one transaction that checks the stored dimension is
     * {@code dimension}: all of them or none.
     */
    public Uni<Void> putBatch(List<CatalogItem> items, int dimension) {
        if (items.size() > BATCH_SIZE) {
            throw new IllegalArgumentException("at most " + BATCH_SIZE + " items per batch");
        }
        List<Put> puts = items.stream()
                .map(item -> Put.builder().tableName(tableName).item(ItemSchema.SCHEMA.itemToMap(item, true)).build())
                .toList();
        return transact(dimension, puts).onFailure().transform(ItemStore::translate);
    }

    /** Deletes the item; true when it existed. */
    public Uni<Boolean> delete(String itemId) {
        DeleteItemRequest request = DeleteItemRequest.builder()
                .tableName(tableName)
                .key(Map.of(ItemSchema.ITEM_ID, AttributeValue.fromS(itemId)))
                .returnValues(ReturnValue.ALL_OLD)
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.deleteItem(request))
                .map(response -> response.hasAttributes() && !response.attributes().isEmpty())
                .onFailure().transform(ERRORS::translate);
    }

    private Uni<Void> transact(int dimension, List<Put> puts) {
        List<TransactWriteItem> actions = new ArrayList<>(puts.size() + 1);
        actions.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(tableName)
                .key(CatalogManifest.key())
                .conditionExpression("#d = :d")
                .expressionAttributeNames(Map.of("#d", CatalogManifest.DIMENSION))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(Integer.toString(dimension))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build());
        puts.forEach(put -> actions.add(TransactWriteItem.builder().put(put).build()));
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(actions).build();
        return Uni.createFrom().completionStage(() -> dynamo.transactWriteItems(request)).replaceWithVoid();
    }

    private static boolean putConditionFailed(Throwable failure) {
        return reason(failure, 1) != null && "ConditionalCheckFailed".equals(reason(failure, 1).code());
    }

    private static CancellationReason reason(Throwable failure, int action) {
        if (StoreErrors.unwrap(failure) instanceof TransactionCanceledException e && e.hasCancellationReasons()
                && e.cancellationReasons().size() > action) {
            return e.cancellationReasons().get(action);
        }
        return null;
    }

    /** A failed manifest check is a dimension conflict (422); the rest is the table's failure. */
    private static ProblemException translate(Throwable failure) {
        CancellationReason check = reason(failure, 0);
        if (check != null && "ConditionalCheckFailed".equals(check.code())) {
            int stored = CatalogManifest.dimensionOf(check.item());
            return ProblemException.unprocessable(stored > 0
                    ? "the catalog's embeddings have " + stored + " dimensions, as the store keeps it"
                    : "the catalog's embedding dimension changed while the items were written");
        }
        return ERRORS.translate(failure);
    }

    /**
     * Every item's id, title, embedding, authors and the attributes named in {@code facets}, from a parallel Scan whose pages are retried where they failed; the
     * catalog manifest, which shares the table, is left out.
     */
    public Multi<CatalogItem> scanForCatalog(PagedScan.Policy policy, List<String> facets) {
        Map<String, String> names = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>();
        for (String attribute : ItemFacets.TOP_LEVEL) {
            String name = "#p" + names.size();
            names.put(name, attribute);
            paths.add(name);
        }
        names.put("#attributes", ItemSchema.ATTRIBUTES);
        for (String facet : ItemFacets.attributeFacets(facets)) {
            String name = "#f" + names.size();
            names.put(name, facet);
            paths.add("#attributes." + name);
        }
        ScanRequest request = ScanRequest.builder()
                .tableName(tableName)
                .projectionExpression(String.join(",", paths))
                .expressionAttributeNames(names)
                .build();
        return PagedScan.items(dynamo, request, policy, failure -> ERRORS.translate(failure).status() == 503)
                .filter(raw -> !CatalogManifest.isManifest(raw))
                .map(ItemSchema.SCHEMA::mapToItem)
                .onFailure().transform(ERRORS::translate);
    }

    /** Whether the table holds at least one item (the manifest is none). */
    public Uni<Boolean> isEmpty() {
        ScanEnhancedRequest request = ScanEnhancedRequest.builder().limit(1).build();
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(table.scan(request).items()))
                .filter(item -> !CatalogManifest.KEY.equals(item.getItemId()))
                .select().first().toUni()
                .map(first -> first == null)
                .onFailure().transform(ERRORS::translate);
    }
}
