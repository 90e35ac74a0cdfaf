package com.example.profiles.catalog;

import java.util.List;
import java.util.Map;

import com.example.profiles.ingest.LineImport;
import com.example.profiles.model.ModelDefinition;

import io.smallrye.mutiny.Uni;

/**
 * The vectors of a {@code /v1/models/{model}/items/import}: each of the model's dimension (a line of another is
 * rejected), each for an item that exists (a line for a missing item or a tombstone is rejected when its batch is
 * written, the batch's other lines are written).
 */
final class ItemVectorImportTarget implements LineImport.Target<ItemVector> {

    private final ItemVectorService service;
    private final ItemVectorStore store;
    private final ModelDefinition model;
    /** The model's dimension; 0 only for a {@code default} without one, then set by the first line. */
    private volatile int dimension;
    /** The dimension the store keeps for the model, once a batch learnt it. */
    private volatile int stored;

    ItemVectorImportTarget(ItemVectorService service, ItemVectorStore store, ModelDefinition model) {
        this.service = service;
        this.store = store;
        this.model = model;
        this.dimension = model.dimension();
    }

    @Override
    public void check(ItemVector vector) {
        int length = vector.embedding().length;
        if (dimension > 0 && length != dimension) {
            throw ItemVectorService.wrongDimension(model.name(), length, dimension);
        }
        if (dimension == 0) {
            dimension = length;
        }
    }

    @Override
    public String key(ItemVector vector) {
        return vector.itemId();
    }

    @Override
    public Uni<Map<Integer, String>> write(List<ItemVector> batch) {
        int lines = dimension;
        Uni<Integer> kept = stored > 0 ? Uni.createFrom().item(stored)
                : service.dimensionFor(model, lines).invoke(known -> stored = known);
        return kept.flatMap(known -> known != lines
                ? Uni.createFrom().failure(ItemVectorService.wrongDimension(model.name(), lines, known))
                : store.putBatch(model.name(), known, batch));
    }
}
