package com.example.profiles.catalog;

import java.util.List;
import java.util.Map;

import com.example.profiles.ingest.LineImport;

import io.smallrye.mutiny.Uni;

/**
 * The items of a {@code /v1/items/import}: every embedding must have the catalog's dimension; when the store has
 * none yet, the first line with an embedding sets it for the rest. A line without an embedding writes the item's
 * other fields and leaves its stored vectors alone.
 */
final class ItemImportTarget implements LineImport.Target<CatalogItem> {

    private final ItemService service;
    /** Set once, from 0, on the import's context; batches retried on another thread read it. */
    private volatile int dimension;

    ItemImportTarget(ItemService service, int dimension) {
        this.service = service;
        this.dimension = dimension;
    }

    @Override
    public void check(CatalogItem item) {
        if (item.getEmbedding() == null) {
            return;
        }
        ItemService.checkDimension(item, dimension);
        if (dimension == 0) {
            dimension = item.getEmbedding().length;
        }
    }

    @Override
    public String key(CatalogItem item) {
        return item.getItemId();
    }

    @Override
    public Uni<Map<Integer, String>> write(List<CatalogItem> batch) {
        return service.putBatch(batch, dimension).replaceWith(Map.of());
    }
}
