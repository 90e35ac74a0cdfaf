package com.example.profiles.catalog;

/**
 * What one catalog refresh did.
 *
 * @param kind      a full Scan or a read of the changes since the snapshot
 * @param itemsRead rows the store returned (tombstones and the manifest included)
 * @param rebuilt   whether a new snapshot was built (an incremental refresh that found nothing new keeps
 *                  the snapshot)
 * @param reason    why a full load was done; null for an incremental refresh
 */
public record CatalogRefresh(Kind kind, long itemsRead, boolean rebuilt, String reason) {

    public enum Kind {
        FULL, INCREMENTAL;

        /** The value of the metrics' {@code kind} tag. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
