package com.example.profiles.catalog;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.RegistryItem;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** Reads and writes the Items table. */
@ApplicationScoped
public class ItemStore {

    /** Items per write transaction (which takes 100 actions): 25, plus the manifest check. */
    public static final int BATCH_SIZE = 25;
    private static final StoreErrors ERRORS = new StoreErrors("items table");
    private static final FeatureVectorConverter VECTORS = new FeatureVectorConverter();

    private final DynamoDbAsyncClient dynamo;
    private final String tableName;

    public ItemStore(DynamoDbAsyncClient dynamo, RecommendConfig config) {
        this.dynamo = dynamo;
        this.tableName = config.itemsTable();
    }

    public String tableName() {
        return tableName;
    }

    /** How failures of this table become problems. */
    public StoreErrors errors() {
        return ERRORS;
    }

    /** The item, or null when it is absent or deleted (a tombstone). */
    public Uni<CatalogItem> get(String itemId) {
        GetItemRequest request = GetItemRequest.builder().tableName(tableName).key(itemKey(itemId)).build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(response -> !response.hasItem() || response.item().isEmpty() || ItemChanges.isTombstone(response.item())
                        ? null
                        : ItemSchema.SCHEMA.mapToItem(response.item()))
                .onFailure().transform(ERRORS::translate);
    }

    private static Map<String, AttributeValue> itemKey(String itemId) {
        return Map.of(ItemSchema.ITEM_ID, AttributeValue.fromS(itemId));
    }

    /** The dimension the store keeps for the catalog (a strongly consistent read), or 0 while none is set. */
    public Uni<Integer> storedDimension() {
        return storedDimension(true);
    }

    /** @param consistent false for the cheaper read a periodic refresh can afford (half a read unit) */
    public Uni<Integer> storedDimension(boolean consistent) {
        GetItemRequest request = GetItemRequest.builder()
                .tableName(tableName).key(RegistryItem.key()).consistentRead(consistent).build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(response -> RegistryItem.dimensionOf(response.item()))
                .onFailure().transform(ERRORS::translate);
    }

    /**
     * Makes {@code dimension} {@code default}'s unless the store has one already; answers the stored one. An
     * update, not a put: the registry row may exist already (other models defined) without it.
     */
    public Uni<Integer> claimDimension(int dimension) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName).key(RegistryItem.key())
                .updateExpression("SET #d = :d")
                .conditionExpression("attribute_not_exists(#d)")
                .expressionAttributeNames(Map.of("#d", RegistryItem.DIMENSION))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(Integer.toString(dimension))))
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.updateItem(request))
                .replaceWith(dimension)
                .onFailure(ConditionalCheckFailedException.class).recoverWithUni(() -> storedDimension())
                .onFailure().transform(ERRORS::translate);
    }

    /**
     * Creates or replaces the item in a transaction that checks the stored dimension is {@code dimension} (when the
     * item carries an embedding); true when it was created.
     */
    public Uni<Boolean> put(CatalogItem item, int dimension) {
        Map<String, AttributeValue> raw = ItemSchema.SCHEMA.itemToMap(item, true);
        boolean checked = raw.containsKey(ItemSchema.EMBEDDING);
        // A transaction answers no old image: "created" is the put that required the item to be absent (a
        // tombstone is absent).
        return transact(dimension, List.of(raw), true).replaceWith(true)
                .onFailure(failure -> conditionFailed(failure, checked ? 1 : 0))
                .recoverWithUni(() -> transact(dimension, List.of(raw), false).replaceWith(false))
                .onFailure().transform(failure -> translate(failure, checked));
    }

    /**
     * Writes up to {@link #BATCH_SIZE} items in one transaction that checks the stored dimension is
     * {@code dimension} (when one of them carries an embedding): all of them or none.
     */
    public Uni<Void> putBatch(List<CatalogItem> items, int dimension) {
        if (items.size() > BATCH_SIZE) {
            throw new IllegalArgumentException("at most " + BATCH_SIZE + " items per batch");
        }
        List<Map<String, AttributeValue>> raws = items.stream()
                .map(item -> ItemSchema.SCHEMA.itemToMap(item, true))
                .toList();
        boolean checked = raws.stream().anyMatch(raw -> raw.containsKey(ItemSchema.EMBEDDING));
        return transact(dimension, raws, false).onFailure().transform(failure -> translate(failure, checked));
    }

    /**
     * Deletes the item, leaving a tombstone that refreshes see through the change index and loads skip, which
     * the table's TTL purges after {@code retention}; true when the item existed. The tombstone replaces the whole
     * row: the item's vectors in every model go with it.
     */
    public Uni<Boolean> delete(String itemId, Duration retention) {
        return Uni.createFrom().completionStage(() -> {
            long now = System.currentTimeMillis();
            Map<String, AttributeValue> tombstone = new HashMap<>(itemKey(itemId));
            tombstone.put(ItemChanges.DELETED, AttributeValue.fromBool(true));
            tombstone.put(ItemChanges.EXPIRES_AT, AttributeValue.fromN(Long.toString((now + retention.toMillis()) / 1000)));
            PutItemRequest request = PutItemRequest.builder()
                    .tableName(tableName)
                    .item(ItemChanges.stamp(tombstone, now))
                    .conditionExpression("attribute_exists(#id) AND attribute_not_exists(#deleted)")
                    .expressionAttributeNames(Map.of("#id", ItemSchema.ITEM_ID, "#deleted", ItemChanges.DELETED))
                    .build();
            return dynamo.putItem(request);
        }).replaceWith(true)
                .onFailure(ConditionalCheckFailedException.class).recoverWithItem(false)
                .onFailure().transform(ERRORS::translate);
    }

    /** The item attributes an item write replaces; other models' vectors on the same row are left as they are. */
    private static final List<String> ITEM_FIELDS = List.of(ItemSchema.TITLE, ItemSchema.AUTHORS,
            ItemSchema.ATTRIBUTES, ItemSchema.EMBEDDING, ItemSchema.UPDATED_AT);

    /**
     * One transaction: the registry's check of {@code default}'s dimension (only when an item carries an embedding,
     * so that items without one are written whatever the state of {@code default}) and
     * an update of each item, stamped for the change index when the request is sent (so a retried batch carries
     * the time it was written at, not the time it was built). An update, not a put: the item's vectors in other
     * models stay; a field the item does not have is removed, but an item written without an embedding keeps the
     * stored one.
     *
     * @param create whether each write requires the item to be absent or a tombstone
     */
    private Uni<Void> transact(int dimension, List<Map<String, AttributeValue>> raws, boolean create) {
        return Uni.createFrom().completionStage(() -> {
            long now = System.currentTimeMillis();
            List<TransactWriteItem> actions = new ArrayList<>(raws.size() + 1);
            if (raws.stream().anyMatch(raw -> raw.containsKey(ItemSchema.EMBEDDING))) {
                actions.add(registryCheck(ModelNames.DEFAULT, dimension));
            }
            for (Map<String, AttributeValue> raw : raws) {
                actions.add(TransactWriteItem.builder().update(itemUpdate(raw, now, create)).build());
            }
            return dynamo.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(actions).build());
        }).replaceWithVoid();
    }

    /**
     * The registry's check that {@code model} keeps {@code dimension} and is not retired, answering the registry
     * when it fails (what went wrong: {@link ItemVectorStore#registryRefusal}).
     */
    TransactWriteItem registryCheck(String model, int dimension) {
        RegistryItem.VectorCheck check = RegistryItem.vectorCheck(model, dimension);
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(tableName)
                .key(RegistryItem.key())
                .conditionExpression(check.expression())
                .expressionAttributeNames(check.names())
                .expressionAttributeValues(check.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private Update itemUpdate(Map<String, AttributeValue> raw, long now, boolean create) {
        ExpressionBuilder expression = new ExpressionBuilder();
        Map<String, AttributeValue> stamped = ItemChanges.stamp(new HashMap<>(raw), now);
        stamped.remove(ItemSchema.ITEM_ID);
        stamped.forEach((name, value) -> expression.set(expression.name(name), expression.value(value)));
        for (String field : ITEM_FIELDS) {
            if (!raw.containsKey(field) && !field.equals(ItemSchema.EMBEDDING)) {
                expression.remove(expression.name(field));
            }
        }
        expression.remove(expression.name(ItemChanges.DELETED));
        expression.remove(expression.name(ItemChanges.EXPIRES_AT));
        if (create) {
            expression.condition("attribute_not_exists(" + expression.name(ItemSchema.ITEM_ID) + ") OR "
                    + expression.name(ItemChanges.DELETED) + " = " + expression.value(AttributeValue.fromBool(true)));
        }
        return Update.builder().tableName(tableName).key(itemKey(raw.get(ItemSchema.ITEM_ID).s()))
                .updateExpression(expression.updateExpression())
                .conditionExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values())
                .build();
    }

    /** Whether the transaction was cancelled because the condition of its action {@code action} failed. */
    static boolean conditionFailed(Throwable failure, int action) {
        CancellationReason reason = reason(failure, action);
        return reason != null && CONDITION_FAILED.equals(reason.code());
    }

    static final String CONDITION_FAILED = "ConditionalCheckFailed";

    static CancellationReason reason(Throwable failure, int action) {
        if (StoreErrors.unwrap(failure) instanceof TransactionCanceledException e && e.hasCancellationReasons()
                && e.cancellationReasons().size() > action) {
            return e.cancellationReasons().get(action);
        }
        return null;
    }

    /**
     * A failed registry check (the first action when {@code checked}) is a retired {@code default} (409) or a
     * dimension conflict (422); the rest is the table's failure.
     */
    private static ProblemException translate(Throwable failure, boolean checked) {
        if (checked && conditionFailed(failure, 0)) {
            Map<String, AttributeValue> registry = reason(failure, 0).item();
            if (RegistryItem.read(registry).get(ModelNames.DEFAULT).retired()) {
                return new ProblemException(409, "Conflict", "model default is retired: its vectors are no longer"
                        + " kept; write vectors of a serving model with /v1/models/{model}/items/{item_id}");
            }
            int stored = RegistryItem.dimensionOf(registry);
            return ProblemException.unprocessable(stored > 0
                    ? "the catalog's embeddings have " + stored + " dimensions, as the store keeps it"
                    : "the catalog's embedding dimension changed while the items were written");
        }
        return ERRORS.translate(failure);
    }

    /**
     * Every item's id, title, embedding, authors and the attributes named in {@code facets}, from a parallel Scan
     * whose pages are retried where they failed; the catalog manifest, which shares the table, and tombstones
     * are left out. {@code read} counts every row the scan returned.
     */
    public Multi<CatalogItem> scanForCatalog(PagedScan.Policy policy, List<String> facets, List<String> models,
                                             LongAdder read) {
        Projection projection = Projection.of(facets, models);
        ScanRequest request = ScanRequest.builder()
                .tableName(tableName)
                .projectionExpression(projection.expression())
                .expressionAttributeNames(projection.names())
                .build();
        return PagedScan.items(dynamo, request, policy, failure -> ERRORS.translate(failure).status() == 503)
                .invoke(read::increment)
                .filter(raw -> !RegistryItem.isRegistry(raw) && !ItemChanges.isTombstone(raw))
                .map(raw -> toItem(raw, models))
                .onFailure().transform(ERRORS::translate);
    }

    /** A stored item with its vector in each of {@code models} that it has. */
    private static CatalogItem toItem(Map<String, AttributeValue> raw, List<String> models) {
        CatalogItem item = ItemSchema.SCHEMA.mapToItem(raw);
        Map<String, float[]> vectors = new HashMap<>();
        for (String model : models) {
            AttributeValue vector = raw.get(ModelDefinition.itemAttribute(model));
            if (vector != null) {
                vectors.put(model, VECTORS.transformTo(vector));
            }
        }
        item.setVectors(vectors);
        return item;
    }

    /**
     * The items written or deleted at or after {@code sinceMillis} (by their {@code changed_at}), from one
     * Query per change shard on the change index, read as {@link #scanForCatalog} reads them; a deleted item
     * comes as a {@link Change} without an item. {@code read} counts every
     * row the queries returned. Fails with a 400-class problem when the table has no change index.
     */
    public Multi<Change> changesSince(long sinceMillis, List<String> facets, List<String> models, Duration pageTimeout,
                                      LongAdder read) {
        Projection projection = Projection.of(facets, models);
        Map<String, String> names = new HashMap<>(projection.names());
        names.put("#shard", ItemChanges.SHARD);
        names.put("#changed", ItemChanges.CHANGED_AT);
        IntFunction<QueryRequest> shard = n -> QueryRequest.builder()
                .tableName(tableName)
                .indexName(ItemChanges.INDEX)
                .keyConditionExpression("#shard = :shard AND #changed >= :since")
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(
                        ":shard", AttributeValue.fromN(Integer.toString(n)),
                        ":since", AttributeValue.fromN(Long.toString(sinceMillis))))
                .projectionExpression(projection.expression())
                .build();
        return PagedScan.queries(dynamo, shard, PagedScan.Policy.once(ItemChanges.SHARDS, pageTimeout), failure -> false)
                .invoke(read::increment)
                .filter(raw -> !RegistryItem.isRegistry(raw))
                .map(raw -> ItemChanges.isTombstone(raw)
                        ? new Change(raw.get(ItemSchema.ITEM_ID).s(), null)
                        : new Change(raw.get(ItemSchema.ITEM_ID).s(), toItem(raw, models)))
                .onFailure().transform(ERRORS::translate);
    }

    /** A changed item: its stored content, or null when it was deleted. */
    public record Change(String itemId, CatalogItem item) {
    }

    /**
     * What catalog loads read: key, title, authors, each model's vector, the tombstone mark and the facet
     * attributes.
     */
    private record Projection(String expression, Map<String, String> names) {
        static Projection of(List<String> facets, List<String> models) {
            Map<String, String> names = new LinkedHashMap<>();
            List<String> paths = new ArrayList<>();
            List<String> topLevel = new ArrayList<>(ItemFacets.TOP_LEVEL);
            models.forEach(model -> topLevel.add(ModelDefinition.itemAttribute(model)));
            for (String attribute : topLevel) {
                if (names.containsValue(attribute)) {
                    continue;
                }
                String name = "#p" + names.size();
                names.put(name, attribute);
                paths.add(name);
            }
            names.put("#tomb", ItemChanges.DELETED);
            paths.add("#tomb");
            names.put("#attributes", ItemSchema.ATTRIBUTES);
            for (String facet : ItemFacets.attributeFacets(facets)) {
                String name = "#f" + names.size();
                names.put(name, facet);
                paths.add("#attributes." + name);
            }
            return new Projection(String.join(",", paths), names);
        }
    }

    /** Scan segments of a purge of a model's vectors unless the caller says otherwise. */
    public static final int PURGE_SEGMENTS = 4;
    /** Removals of a purge in flight at once unless the caller says otherwise. */
    public static final int PURGE_IN_FLIGHT = 16;

    /** {@link #removeModelVectors(String, int, int, Runnable)} with the default segments and removals in flight. */
    public Uni<Long> removeModelVectors(String model) {
        return removeModelVectors(model, PURGE_SEGMENTS, PURGE_IN_FLIGHT, () -> { });
    }

    /**
     * Removes every item's vector in {@code model} (its {@link ModelDefinition#itemAttribute}): a segmented Scan
     * of the keys of the items that have one, and per item an UpdateItem that removes it on condition that it is
     * there, {@code inFlight} at once. The Scan reads the whole table (its filter saves bandwidth, not reads);
     * each removal is one write. No change stamp: pods drop a retired model's vectors as soon as they see it
     * retired, and a change stamp would make every pod re-read the item for nothing. Idempotent and safe to run
     * again: an item that lost the vector (or was deleted) meanwhile is skipped, a run after a failure removes what
     * is left. Never call it for a model that is not retired: writes of the model would race it.
     *
     * @param removed run once per vector removed (on a worker or an I/O thread)
     * @return how many vectors this run removed
     */
    public Uni<Long> removeModelVectors(String model, int segments, int inFlight, Runnable removed) {
        String attribute = ModelDefinition.itemAttribute(model);
        ScanRequest request = ScanRequest.builder()
                .tableName(tableName)
                .projectionExpression("#id")
                .filterExpression("attribute_exists(#v)")
                .expressionAttributeNames(Map.of("#id", ItemSchema.ITEM_ID, "#v", attribute))
                .build();
        PagedScan.Policy policy = new PagedScan.Policy(segments, Duration.ofSeconds(30), 6, Duration.ofMillis(200));
        return PagedScan.items(dynamo, request, policy, ItemStore::unavailable)
                .filter(raw -> !RegistryItem.isRegistry(raw))
                .onItem().transformToUni(raw -> removeVector(raw.get(ItemSchema.ITEM_ID).s(), attribute)
                        .invoke(done -> {
                            if (done) {
                                removed.run();
                            }
                        }))
                .merge(inFlight)
                .filter(Boolean::booleanValue)
                .collect().with(java.util.stream.Collectors.counting())
                .onFailure().transform(ERRORS::translate);
    }

    /** Removes one item's vector; false when it had none (any more). Retried while the store throttles or times out. */
    private Uni<Boolean> removeVector(String itemId, String attribute) {
        UpdateItemRequest request = UpdateItemRequest.builder()
                .tableName(tableName).key(itemKey(itemId))
                .updateExpression("REMOVE #v")
                .conditionExpression("attribute_exists(#v)")
                .expressionAttributeNames(Map.of("#v", attribute))
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.updateItem(request)).replaceWith(true)
                .onFailure(ConditionalCheckFailedException.class).recoverWithItem(false)
                .onFailure(ItemStore::unavailable).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).withJitter(0.5).atMost(6);
    }

    private static boolean unavailable(Throwable failure) {
        return ERRORS.translate(failure).status() == 503;
    }

    /** Whether the table holds at least one item (the manifest and tombstones are none). */
    public Uni<Boolean> isEmpty() {
        ScanRequest request = ScanRequest.builder().tableName(tableName).limit(100)
                .projectionExpression("#id, #tomb")
                .expressionAttributeNames(Map.of("#id", ItemSchema.ITEM_ID, "#tomb", ItemChanges.DELETED))
                .build();
        return Multi.createFrom().publisher(AdaptersToFlow.publisher(dynamo.scanPaginator(request).items()))
                .filter(raw -> !RegistryItem.isRegistry(raw) && !ItemChanges.isTombstone(raw))
                .select().first().toUni()
                .map(first -> first == null)
                .onFailure().transform(ERRORS::translate);
    }
}
