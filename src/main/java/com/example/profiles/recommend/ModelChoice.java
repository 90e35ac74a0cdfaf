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
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(assigned);
        candidates.addAll(registry.serving());
        return new ModelChoice(assigned, new ArrayList<>(candidates), false);
    }

    /** The profile attributes holding the user's vectors in the candidate models. */
    List<String> userAttributes() {
        return candidates.stream().map(ModelDefinition::userAttribute).toList();
    }
}
