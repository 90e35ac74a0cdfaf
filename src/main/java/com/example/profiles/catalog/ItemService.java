package com.example.profiles.catalog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;
import com.example.profiles.ingest.ImportConfig;
import com.example.profiles.ingest.LineImport;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The only writer of catalog items (one model's vectors on existing items are {@link ItemVectorService}'s):
 * single puts, streamed imports and the demo seed all go through here,
 * so the rules hold the same everywhere: one embedding dimension per catalog, kept by the store and checked
 * by every write transaction, {@code updated_at} stamped at write time (milliseconds), at most
 * {@link ItemStore#BATCH_SIZE} items per transaction and at most
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
    private final ImportConfig imports;
    private final java.time.Duration tombstoneRetention;
    /** The stored dimension once read: it never changes within one Items table. */
    private final AtomicInteger stored = new AtomicInteger();

    public ItemService(ItemStore store, ImportConfig imports, CatalogConfig config) {
        this.tombstoneRetention = config.tombstoneRetention();
        this.store = store;
        this.imports = imports;
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
     * The dimension the store keeps for the catalog, or 0 (any) while it has none: an import checks its
     * lines against it. (A table written before the store kept one gets it from the first catalog load.)
     */
    public Uni<Integer> storedDimension() {
        int known = stored.get();
        if (known > 0) {
            return Uni.createFrom().item(known);
        }
        return store.storedDimension().invoke(dimension -> {
            if (dimension > 0) {
                stored.set(dimension);
            }
        });
    }

    /** 422 unless the item's embedding has {@code dimension} numbers ({@code 0}: any); an item without one passes. */
    public static void checkDimension(CatalogItem item, int dimension) {
        if (item.getEmbedding() == null) {
            return;
        }
        int length = item.getEmbedding().length;
        if (dimension > 0 && length != dimension) {
            throw ProblemException.unprocessable("embedding has " + length
                    + " dimensions; the catalog's embeddings have " + dimension);
        }
    }

    /**
     * Creates or replaces one item; true when it was created. An item without an embedding is written without the
     * registry's check, keeping its stored vectors: that is how items are added once {@code default} is retired.
     */
    public Uni<Boolean> put(CatalogItem item) {
        if (item.getEmbedding() == null) {
            item.setUpdatedAt(now());
            return store.put(item, 0);
        }
        return dimensionFor(item.getEmbedding().length).flatMap(dimension -> {
            checkDimension(item, dimension);
            item.setUpdatedAt(now());
            return store.put(item, dimension);
        }).onFailure().invoke(this::forgetOnConflict);
    }

    /** Deletes one item; true when it existed. */
    public Uni<Boolean> delete(String itemId) {
        return store.delete(itemId, tombstoneRetention);
    }

    /** Writes any number of items with embeddings of one dimension, stamped now, a few batches at a time. */
    public Uni<Void> putAll(List<CatalogItem> items) {
        if (items.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int dimension = items.get(0).getEmbedding().length;
        List<List<CatalogItem>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += ItemStore.BATCH_SIZE) {
            batches.add(items.subList(from, Math.min(items.size(), from + ItemStore.BATCH_SIZE)));
        }
        return Multi.createFrom().iterable(batches)
                .onItem().transformToUni(batch -> putBatch(batch, dimension)).merge(MAX_IN_FLIGHT_BATCHES)
                .collect().last()
                .replaceWithVoid();
    }

    /**
     * A streamed import into a catalog of {@code dimension} ({@code 0}: set by its first item). All its
     * calls and callbacks run on {@code context}.
     */
    public LineImport<CatalogItem> startImport(int dimension, Executor context, LineImport.Listener listener) {
        return new LineImport<>(new ItemImportTarget(this, dimension),
                imports.limits(ItemStore.BATCH_SIZE, MAX_IN_FLIGHT_BATCHES), context, listener);
    }

    /**
     * Writes up to {@link ItemStore#BATCH_SIZE} items of {@code dimension} in one transaction, stamped now;
     * 422 if the store keeps another dimension. A batch whose items carry no embedding is written without the
     * dimension's check.
     */
    Uni<Void> putBatch(List<CatalogItem> items, int dimension) {
        if (items.stream().allMatch(item -> item.getEmbedding() == null)) {
            String now = now();
            items.forEach(item -> item.setUpdatedAt(now));
            return store.putBatch(items, 0);
        }
        return dimensionFor(dimension).flatMap(stored -> {
            if (stored != dimension) {
                return Uni.createFrom().failure(ProblemException.unprocessable("embeddings have " + dimension
                        + " dimensions; the catalog's embeddings have " + stored));
            }
            String now = now();
            items.forEach(item -> item.setUpdatedAt(now));
            return store.putBatch(items, stored);
        }).onFailure().invoke(this::forgetOnConflict);
    }

    /** The stored dimension writes are checked against; when the store has none, it claims {@code proposed}. */
    private Uni<Integer> dimensionFor(int proposed) {
        return storedDimension().flatMap(dimension -> dimension > 0
                ? Uni.createFrom().item(dimension)
                : store.claimDimension(proposed).invoke(stored::set));
    }

    /** A write refused by the store's dimension check: read the stored dimension again next time. */
    private void forgetOnConflict(Throwable failure) {
        if (failure instanceof ProblemException problem && problem.status() == 422) {
            stored.set(0);
        }
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
