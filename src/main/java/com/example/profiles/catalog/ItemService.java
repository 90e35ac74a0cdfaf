package com.example.profiles.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The only writer of catalog items: single puts, streamed imports and the demo seed all go through here,
 * so the rules hold the same everywhere: one embedding dimension per catalog, {@code updated_at} stamped
 * at write time (milliseconds), at most {@link ItemStore#BATCH_SIZE} items per BatchWriteItem and at most
 * {@link #MAX_IN_FLIGHT_BATCHES} of them in flight per writer.
 */
@ApplicationScoped
public class ItemService {

    /**
     * BatchWriteItem calls in flight per import or seed: 8 x 25 items hide the store's latency, stay well
     * inside the client's pool of 50 connections and bound an import's memory.
     */
    public static final int MAX_IN_FLIGHT_BATCHES = 8;

    private final ItemStore store;
    private final CatalogService catalogs;

    public ItemService(ItemStore store, CatalogService catalogs) {
        this.store = store;
        this.catalogs = catalogs;
    }

    public Uni<CatalogItem> get(String itemId) {
        return store.get(itemId);
    }

    /** Turns a failure of the items table into the problem a client gets. */
    public StoreErrors errors() {
        return store.errors();
    }

    public Uni<Boolean> isEmpty() {
        return store.isEmpty();
    }

    /**
     * The dimension new items must have: the loaded catalog's, or 0 (any) while it is empty. Before the
     * first load it is unknown, and writes are answered 503 (retry).
     */
    public int requiredDimension() {
        return catalogs.requireCurrent().dimension();
    }

    /** 422 unless the item's embedding has {@code dimension} numbers ({@code 0}: any). */
    public static void checkDimension(CatalogItem item, int dimension) {
        int length = item.getEmbedding().length;
        if (dimension > 0 && length != dimension) {
            throw ProblemException.unprocessable("embedding has " + length
                    + " dimensions; the catalog's embeddings have " + dimension);
        }
    }

    /** Creates or replaces one item; true when it was created. */
    public Uni<Boolean> put(CatalogItem item) {
        checkDimension(item, requiredDimension());
        item.setUpdatedAt(now());
        return store.put(item);
    }

    /** Writes any number of items of one dimension, stamped now, a few batches at a time. */
    public Uni<Void> putAll(List<CatalogItem> items) {
        List<List<CatalogItem>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += ItemStore.BATCH_SIZE) {
            batches.add(items.subList(from, Math.min(items.size(), from + ItemStore.BATCH_SIZE)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUni(this::putBatch).merge(MAX_IN_FLIGHT_BATCHES)
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * A streamed import into a catalog of {@code dimension} ({@code 0}: set by its first item). All its
     * calls and callbacks run on {@code context}.
     */
    public ItemImport startImport(int dimension, Executor context, ItemImport.Listener listener) {
        return new ItemImport(this, dimension, context, listener);
    }

    /** Writes up to {@link ItemStore#BATCH_SIZE} items with one BatchWriteItem, stamped now. */
    Uni<Void> putBatch(List<CatalogItem> items) {
        String now = now();
        items.forEach(item -> item.setUpdatedAt(now));
        return store.putBatch(items);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
