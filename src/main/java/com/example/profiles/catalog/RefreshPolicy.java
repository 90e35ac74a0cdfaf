package com.example.profiles.catalog;

import java.util.Map;

/**
 * When a refresh must read the whole table rather than the changes since the snapshot: pure rules over the
 * snapshot's read times and the settings.
 */
final class RefreshPolicy {

    private final CatalogConfig settings;

    RefreshPolicy(CatalogConfig settings) {
        this.settings = settings;
    }

    /** Why the snapshot cannot be brought up to date from the change index alone at {@code now}; null when it can. */
    String fullLoadReason(CatalogRows base, long now) {
        if (base == null) {
            return "no snapshot yet";
        }
        if (!settings.incremental()) {
            return "incremental refresh is off";
        }
        if (now - base.since() > settings.tombstoneRetention().minus(settings.changeOverlap()).toMillis()) {
            return "the snapshot is older than the tombstone retention";
        }
        if (now - base.fullLoadAt() > settings.fullRefresh().toMillis()) {
            return "periodic full load";
        }
        return null;
    }

    /**
     * Why rows kept for the models {@code base.spaces()} need a full load to serve {@code next}; null when the
     * changes suffice. A model that is new, or whose dimension the store took only now (0 to d), needs none:
     * every vector written under it carries a change stamp later than the snapshot's reads. A model whose
     * dimension changed does.
     */
    static String spacesReason(CatalogRows base, Map<String, Integer> next) {
        for (Map.Entry<String, Integer> model : next.entrySet()) {
            Integer before = base.spaces().get(model.getKey());
            if (before != null && before != 0 && !before.equals(model.getValue())) {
                return "the stored dimension of model " + model.getKey() + " is now " + model.getValue();
            }
        }
        return null;
    }

    /** When the changes read since {@code base} begin: its last read, less the overlap window. */
    long changesFrom(CatalogRows base) {
        return base.since() - settings.changeOverlap().toMillis();
    }
}
