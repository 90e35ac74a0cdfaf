package com.example.profiles.catalog;

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
     * Why a snapshot built over {@code base.storedDimension()} needs a full load now that the store keeps
     * {@code stored}; null when the changes suffice. The first claim (0 to d) needs none: every item written
     * under it carries a change stamp.
     */
    static String dimensionReason(CatalogRows base, int stored) {
        return stored != base.storedDimension() && base.storedDimension() != 0
                ? "the stored dimension is now " + stored
                : null;
    }

    /** When the changes read since {@code base} begin: its last read, less the overlap window. */
    long changesFrom(CatalogRows base) {
        return base.since() - settings.changeOverlap().toMillis();
    }
}
