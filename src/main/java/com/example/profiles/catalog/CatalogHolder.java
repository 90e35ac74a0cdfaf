package com.example.profiles.catalog;

import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;

/**
 * The pod's current catalog snapshot. A new snapshot replaces the old one in a single reference swap, so a
 * request that took one sees either the old catalog or the new one, never a mix.
 */
@ApplicationScoped
public class CatalogHolder {

    private final AtomicReference<Catalog> current = new AtomicReference<>();

    /** The current snapshot, or null before the first load completed. */
    public Catalog current() {
        return current.get();
    }

    /** The current snapshot; before the first load completed, a 503 problem asking to retry in 2 s. */
    public Catalog requireCurrent() {
        Catalog catalog = current.get();
        if (catalog == null) {
            throw ProblemException.unavailable("the item catalog is still loading", 2, null);
        }
        return catalog;
    }

    /** Makes {@code next} current; answers the snapshot it replaced (null for the first). */
    Catalog swap(Catalog next) {
        return current.getAndSet(next);
    }
}
