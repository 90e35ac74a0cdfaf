package com.example.profiles.lifecycle;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.CatalogRefresher;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;
import com.example.profiles.model.ModelState;
import com.example.profiles.model.ModelStore;
import com.example.profiles.model.RegistryItem;
import com.example.profiles.model.TrafficSplit;

import io.smallrye.mutiny.Uni;

/**
 * The life of models: definitions, the traffic split, retirement. Decisions are taken on a consistent read of
 * the registry and written conditioned on it ({@link ModelStore#change}); what this pod has loaded (items,
 * bytes, catalog version) comes from its own snapshot.
 */
@ApplicationScoped
public class ModelService {

    private final ModelStore store;
    private final ItemStore items;
    private final CatalogHolder catalogs;
    private final CatalogRefresher refresher;
    private final VectorPurge purge;

    public ModelService(ModelStore store, ItemStore items, CatalogHolder catalogs, CatalogRefresher refresher,
                        VectorPurge purge) {
        this.store = store;
        this.items = items;
        this.catalogs = catalogs;
        this.refresher = refresher;
        this.purge = purge;
    }

    /** A model as this pod shows it. */
    public record ModelView(ModelDefinition definition, String state, int items, String catalogVersion, long bytes) {
    }

    /** Every model and the split, as the store holds them, with what this pod loaded. */
    public record Overview(List<ModelView> models, TrafficSplit traffic) {
    }

    /** The answer of a definition: the model, and whether this request created it. */
    public record Defined(ModelView model, boolean created) {
    }

    public Uni<Overview> list() {
        return store.read(true).map(registry -> new Overview(registry.models().values().stream()
                .map(definition -> view(registry, definition)).toList(), registry.traffic()));
    }

    public Uni<ModelView> get(String name) {
        return store.read(true).map(registry -> view(registry, require(registry, name)));
    }

    /**
     * Creates a model, or answers the one of the same definition (dimension and metric); 409 when the name is
     * taken by another definition or by a retired model. {@code default}'s dimension is the one its vectors
     * have, when any was written.
     */
    public Uni<Defined> define(String name, int dimension, Metric metric, String description) {
        ModelNames.require(name);
        if (dimension < 1 || dimension > ModelDefinition.MAX_DIMENSION) {
            throw ProblemException.badRequest("dimension must be 1.." + ModelDefinition.MAX_DIMENSION + ": " + dimension);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ModelDefinition wanted = new ModelDefinition(name, dimension, metric, description, now, null);
        if (!ModelNames.DEFAULT.equals(name)) {
            return store.change(registry -> {
                ModelDefinition existing = registry.get(name);
                if (existing != null) {
                    return ModelStore.Change.none(new Defined(view(registry, same(existing, wanted)), false));
                }
                return new ModelStore.Change<>(Map.of(RegistryItem.modelAttribute(name), RegistryItem.definition(wanted)),
                        new Defined(view(registry, wanted), true));
            });
        }
        // default's dimension is the one the store took with its first vector, claimed as writers claim it
        return store.read(true).flatMap(before -> items.claimDimension(dimension).flatMap(stored -> {
            if (stored != dimension) {
                return Uni.createFrom().failure(conflict("model default exists with dimension " + stored
                        + "; this definition asks for dimension " + dimension));
            }
            boolean created = before.defaultDimension() == 0;
            return store.change(registry -> {
                ModelDefinition existing = registry.get(name);
                if (existing.createdAt() != null) {
                    return ModelStore.Change.none(new Defined(view(registry, same(existing, wanted)), created));
                }
                // default from before the registry: keep its definition from now on
                return new ModelStore.Change<>(Map.of(RegistryItem.modelAttribute(name), RegistryItem.definition(wanted)),
                        new Defined(view(registry, wanted), created));
            });
        }));
    }

    /** The existing definition when it is the wanted one; else why not, as a 409. */
    private static ModelDefinition same(ModelDefinition existing, ModelDefinition wanted) {
        if (existing.retired()) {
            throw conflict("model " + existing.name() + " is retired; define the new version under a new name");
        }
        if (existing.dimension() != wanted.dimension() || existing.metric() != wanted.metric()) {
            throw conflict("model " + existing.name() + " exists with dimension " + existing.dimension() + " and metric "
                    + label(existing.metric()) + "; this definition asks for dimension " + wanted.dimension()
                    + " and metric " + label(wanted.metric()));
        }
        return existing;
    }

    /**
     * Retires a model without traffic: pods unload it at their next refresh and its stored vectors are removed
     * in the background ({@link VectorPurge}). 409 while it has a share of the split.
     */
    public Uni<ModelView> retire(String name) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return store.change(registry -> {
            ModelDefinition existing = require(registry, name);
            if (existing.retired()) {
                return ModelStore.Change.none(view(registry, existing));
            }
            if (registry.split().share(name) > 0) {
                throw conflict("model " + name + " has " + registry.split().share(name) + "% of the traffic; move"
                        + " its share to other models (PUT /v1/models/traffic) before retiring it");
            }
            ModelDefinition retired = existing.retiredAt(now);
            return new ModelStore.Change<>(Map.of(RegistryItem.modelAttribute(name), RegistryItem.definition(retired)),
                    view(registry, retired));
        }).invoke(view -> purge.start(view.definition()));
    }

    public Uni<TrafficSplit> traffic() {
        return store.read(true).map(ModelRegistry::split);
    }

    /**
     * Stores a new split: integer weights summing to 100 (400 otherwise), every model named defined, not retired
     * and with item vectors (409 naming the first that is not). The models' item vectors are checked in a catalog
     * this pod loaded after the request arrived, so vectors written just before count.
     */
    public Uni<TrafficSplit> setTraffic(Map<String, Integer> weights, String salt) {
        if (weights.isEmpty()) {
            throw ProblemException.badRequest("split names no model; give each model its integer share, summing to 100");
        }
        int total = 0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            ModelNames.require(weight.getKey());
            if (weight.getValue() < 0 || weight.getValue() > 100) {
                throw ProblemException.badRequest("split." + weight.getKey() + " must be 0..100: " + weight.getValue());
            }
            total += weight.getValue();
        }
        if (total != 100) {
            throw ProblemException.badRequest("split weights must sum to 100; they sum to " + total);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return refresher.reload().flatMap(loaded -> store.change(registry -> {
            for (String model : weights.keySet()) {
                ModelDefinition definition = registry.get(model);
                if (definition == null) {
                    throw conflict("model " + model + " is not defined (PUT /v1/models/" + model + ")");
                }
                if (definition.retired()) {
                    throw conflict("model " + model + " is retired");
                }
                if (weights.get(model) > 0 && itemsLoaded(loaded, model) == 0) {
                    throw conflict("model " + model + " has no item vectors yet; load them"
                            + " (POST /v1/models/" + model + "/items/import) before giving it traffic");
                }
            }
            TrafficSplit split = new TrafficSplit(weights, salt, now);
            if (split.split().equals(registry.split().split()) && Objects.equals(salt, registry.split().salt())
                    && registry.traffic() != null) {
                return ModelStore.Change.none(registry.traffic());
            }
            return new ModelStore.Change<>(Map.of(RegistryItem.TRAFFIC, RegistryItem.traffic(split)), split);
        }));
    }

    private ModelView view(ModelRegistry registry, ModelDefinition definition) {
        Catalog catalog = catalogs.current();
        Embeddings loaded = catalog == null ? null : catalog.embeddings(definition.name());
        // The state of the definition shown, which may be the one this request is writing (new, or just retired).
        ModelState state = definition.retired() ? ModelState.RETIRED
                : registry.split().share(definition.name()) > 0 ? ModelState.SERVING : ModelState.STAGED;
        return new ModelView(definition, state.label(),
                loaded == null ? 0 : loaded.items(), loaded == null ? null : loaded.version(),
                loaded == null ? 0 : loaded.bytes());
    }

    private static int itemsLoaded(Catalog catalog, String model) {
        Embeddings embeddings = catalog == null ? null : catalog.embeddings(model);
        return embeddings == null ? 0 : embeddings.items();
    }

    private static ModelDefinition require(ModelRegistry registry, String name) {
        ModelNames.require(name);
        ModelDefinition definition = registry.get(name);
        if (definition == null) {
            throw ProblemException.notFound("no model " + name + "; GET /v1/models lists the models");
        }
        return definition;
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    private static String label(Metric metric) {
        return metric.name().toLowerCase(java.util.Locale.ROOT);
    }
}
