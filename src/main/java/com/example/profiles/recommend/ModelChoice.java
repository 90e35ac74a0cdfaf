package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.error.ProblemException;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelRegistry;

/**
 * The models one request may be scored by, resolved once against one snapshot's registry: the assigned model
 * first (the request's {@code model}, else the split's choice for the user), then, when the split chose, the
 * other serving models by share. The user's vectors in all of them are read in one GetItem; the first the user
 * has a vector in scores.
 */
record ModelChoice(String assigned, List<String> candidates, boolean explicit) {

    /**
     * @param userId the user the split assigns (null for similar items: the largest share's model)
     * @throws ProblemException 404 when the request names a model this snapshot does not serve
     */
    static ModelChoice resolve(Catalog catalog, String requested, String userId) {
        ModelRegistry registry = catalog.registry();
        if (requested != null) {
            ModelDefinition model = registry.get(requested);
            if (model == null || model.retired() || catalog.embeddings(requested) == null) {
                throw ProblemException.notFound("no model '" + requested + "' with item vectors is loaded"
                        + (model == null ? "" : model.retired() ? " (it is retired)" : " (it has no item vectors yet)")
                        + "; GET /v1/models lists the models");
            }
            return new ModelChoice(requested, List.of(requested), true);
        }
        String assigned = userId == null ? registry.primary() : registry.split().assign(userId);
        List<String> serving = registry.serving();
        if (serving.size() == 1 && serving.get(0).equals(assigned)) {
            return new ModelChoice(assigned, serving, false); // one model serves everyone: nothing to order
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(assigned);
        candidates.addAll(serving);
        return new ModelChoice(assigned, new ArrayList<>(candidates), false);
    }

    /** The profile attributes holding the user's vectors in the candidate models. */
    List<String> userAttributes() {
        if (candidates.size() == 1) {
            return List.of(ModelDefinition.userAttribute(candidates.get(0)));
        }
        List<String> attributes = new ArrayList<>(candidates.size());
        for (String model : candidates) {
            attributes.add(ModelDefinition.userAttribute(model));
        }
        return attributes;
    }
}
