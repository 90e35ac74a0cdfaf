package com.example.profiles.lifecycle;

import io.smallrye.mutiny.Uni;

/**
 * The user side of a retired model's purge: every profile loses its vector of the model, and the model's feature
 * history goes with it. Bound in {@link UserVectorPurgeBinding}.
 */
public interface UserVectorPurge {

    /** Removes them; idempotent, safe to run again after a failure. Answers how many user vectors this run removed. */
    Uni<Long> removeModelVectors(String model);
}
