package com.example.profiles.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.profiles.kernel.Metric;

/**
 * The models and the traffic split as the store holds them, read in one consistent GetItem: an immutable view
 * that a request resolves its model against exactly once. {@code default} is always defined (its dimension is
 * 0 until the first vector is written).
 *
 * @param traffic the stored split, or null when none is stored (then {@code default} answers everyone)
 * @param version incremented by every change of the registry, 0 for a store that never held one
 */
public record ModelRegistry(Map<String, ModelDefinition> models, TrafficSplit traffic, long version) {

    private static final TrafficSplit ALL_TO_DEFAULT = TrafficSplit.all(ModelNames.DEFAULT);

    /** A store that holds no registry yet: {@code default} of the given dimension serves everyone. */
    public static ModelRegistry legacy(int defaultDimension) {
        return new ModelRegistry(Map.of(ModelNames.DEFAULT, new ModelDefinition(ModelNames.DEFAULT, defaultDimension,
                Metric.DOT, null, null, null)), null, 0);
    }

    public ModelRegistry {
        models = Collections.unmodifiableMap(new TreeMap<>(models));
        if (!models.containsKey(ModelNames.DEFAULT)) {
            throw new IllegalArgumentException("the registry always holds the default model");
        }
    }

    public ModelDefinition get(String model) {
        return models.get(model);
    }

    /** The split in force: the stored one, or everything to {@code default}. */
    public TrafficSplit split() {
        return traffic != null ? traffic : ALL_TO_DEFAULT;
    }

    public ModelState state(String model) {
        ModelDefinition definition = models.get(model);
        if (definition == null) {
            return null;
        }
        if (definition.retired()) {
            return ModelState.RETIRED;
        }
        return split().share(model) > 0 ? ModelState.SERVING : ModelState.STAGED;
    }

    /** The models a pod keeps in memory: every one not retired whose dimension is known. */
    public List<ModelDefinition> loadable() {
        List<ModelDefinition> out = new ArrayList<>();
        for (ModelDefinition definition : models.values()) {
            if (!definition.retired() && definition.dimension() > 0) {
                out.add(definition);
            }
        }
        return out;
    }

    /** The serving models, largest share first. */
    public List<String> serving() {
        return split().byShare();
    }

    /** The largest share's model: what answers a request that names none and has no user to assign. */
    public String primary() {
        return serving().get(0);
    }

    /** This registry once the store took {@code dimension} for {@code default}. */
    public ModelRegistry withDefaultDimension(int dimension) {
        Map<String, ModelDefinition> next = new TreeMap<>(models);
        ModelDefinition d = models.get(ModelNames.DEFAULT);
        next.put(ModelNames.DEFAULT, new ModelDefinition(d.name(), dimension, d.metric(), d.description(),
                d.createdAt(), d.retiredAt()));
        return new ModelRegistry(next, traffic, version);
    }

    /** The dimension of {@code default}, 0 while none is set. */
    public int defaultDimension() {
        return models.get(ModelNames.DEFAULT).dimension();
    }
}
