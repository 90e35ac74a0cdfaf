package com.example.profiles.lifecycle;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/** Where the purge finds its user side. */
public class UserVectorPurgeBinding {

    /**
     * TO BIND: the user side is {@code ProfileStore.removeModelVectors(String)} (profiles and feature history);
     * replace this body with {@code return profiles::removeModelVectors;} (injecting the ProfileStore), or provide
     * a UserVectorPurge bean elsewhere, which replaces this default. Until then every purge removes the item
     * vectors, then fails here and is retried when its lease expires, without ever being recorded as done.
     */
    @Produces
    @Singleton
    @DefaultBean
    UserVectorPurge userVectorPurge() {
        return model -> Uni.createFrom().failure(new IllegalStateException(
                "the user side of the purge is not bound: user vectors of model " + model + " stay"));
    }
}
