package com.example.profiles.catalog;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.ingest.ImportConfig;
import com.example.profiles.ingest.LineImport;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelStore;

import io.smallrye.mutiny.Uni;

/**
 * The writer of one model's item vectors, single or streamed: the model must be defined and not retired, every
 * vector must have its dimension, the item must exist. What this service checks from a registry read is checked
 * again by each write's transaction ({@link ItemVectorStore}), so a retirement or a redefinition racing a write
 * cannot let a vector of the wrong model or dimension in.
 */
@ApplicationScoped
public class ItemVectorService {

    private final ModelStore models;
    private final ItemStore items;
    private final ItemVectorStore store;
    private final ImportConfig imports;

    public ItemVectorService(ModelStore models, ItemStore items, ItemVectorStore store, ImportConfig imports) {
        this.models = models;
        this.items = items;
        this.store = store;
        this.imports = imports;
    }

    /** A vector written: the model's name and dimension, and whether the item had no vector in it before. */
    public record Written(String model, String itemId, int dimension, boolean created) {
    }

    /** Turns a failure of the items table into the problem a client gets. */
    public com.example.profiles.dynamo.StoreErrors errors() {
        return items.errors();
    }

    /**
     * The model vectors may be written to: 404 when it is not defined, 409 when it is retired. Its dimension is 0
     * only for a {@code default} whose dimension no write has set yet.
     */
    public Uni<ModelDefinition> writable(String model) {
        return models.read(true).map(registry -> {
            ModelDefinition definition = registry.get(model);
            ProblemException refusal = ItemVectorStore.registryRefusal(registry, model,
                    definition == null ? 0 : definition.dimension());
            if (refusal != null) {
                throw refusal;
            }
            return definition;
        });
    }

    /** Sets one item's vector in {@code model}. */
    public Uni<Written> put(String model, ItemVector vector) {
        int length = vector.embedding().length;
        return writable(model).flatMap(definition -> dimensionFor(definition, length)).flatMap(dimension -> {
            if (dimension != length) {
                return Uni.createFrom().failure(wrongDimension(model, length, dimension));
            }
            return store.put(model, dimension, vector).map(created -> new Written(model, vector.itemId(), dimension,
                    created));
        });
    }

    /** A streamed import of {@code model}'s vectors; all its calls and callbacks run on {@code context}. */
    public LineImport<ItemVector> startImport(ModelDefinition model, Executor context, LineImport.Listener listener) {
        return new LineImport<>(new ItemVectorImportTarget(this, store, model),
                imports.limits(ItemStore.BATCH_SIZE, ItemService.MAX_IN_FLIGHT_BATCHES), context, listener);
    }

    /**
     * The model's dimension; for a {@code default} that has none yet, {@code proposed} is claimed as every item
     * writer claims it, and the store's answer (which another writer may have set first) is the dimension.
     */
    Uni<Integer> dimensionFor(ModelDefinition model, int proposed) {
        return model.dimension() > 0 ? Uni.createFrom().item(model.dimension()) : items.claimDimension(proposed);
    }

    static ProblemException wrongDimension(String model, int length, int dimension) {
        return ProblemException.unprocessable("embedding has " + length + " dimensions; model " + model + " has "
                + dimension);
    }
}
