package com.example.profiles.catalog;

import java.time.Duration;
import java.util.List;

import com.example.profiles.config.FacetNameConverter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/** How each pod loads and refreshes its in-memory catalog (env prefix RECOMMEND_CATALOG_). */
@ConfigMapping(prefix = "recommend.catalog")
public interface CatalogConfig {

    /** How often each pod reloads the catalog from DynamoDB (env RECOMMEND_CATALOG_REFRESH). */
    @WithDefault("60s")
    Duration refresh();

    /** Parallel Scan segments used to load the catalog. */
    @WithDefault("4")
    int scanSegments();

    /**
     * Time budget of one Scan page of a catalog load (a 1 MB page of a large catalog takes about a
     * second on an idle engine, far longer than the point reads the client-wide timeouts suit).
     */
    @WithDefault("30s")
    Duration scanPageTimeout();

    /** Requests per Scan page before a load gives up, the first included; retries back off with jitter. */
    @WithDefault("6")
    int scanPageAttempts();

    /**
     * Refresh by reading only the items changed since the snapshot, through the change index (env
     * RECOMMEND_CATALOG_INCREMENTAL); false: every refresh is a full Scan.
     */
    @WithDefault("true")
    boolean incremental();

    /**
     * How far before its last refresh an incremental refresh looks for changes: covers clock skew between
     * the writers and this pod, the time from a write's stamp to its commit, and the change index's
     * propagation delay (env RECOMMEND_CATALOG_CHANGE_OVERLAP).
     */
    @WithDefault("30s")
    Duration changeOverlap();

    /**
     * How long a deleted item's tombstone is kept before the table's TTL may purge it; a snapshot older
     * than that (less the overlap) is refreshed by a full load (env RECOMMEND_CATALOG_TOMBSTONE_RETENTION).
     */
    @WithDefault("7d")
    Duration tombstoneRetention();

    /**
     * A full load at least this often, even when incremental refreshes could go on: a safety net for
     * writes that bypass the change stamp (env RECOMMEND_CATALOG_FULL_REFRESH).
     */
    @WithDefault("24h")
    Duration fullRefresh();

    /**
     * Load the catalog at start and refresh it periodically (env RECOMMEND_CATALOG_LOAD). Off for
     * one-shot commands such as {@code provision}, which must not touch the Items table.
     */
    @WithDefault("true")
    boolean load();

    /**
     * Item attributes kept in memory for filters, {@code max_per} and cold start (env
     * RECOMMEND_CATALOG_FACETS, comma-separated): each names {@code attributes.<name>} of the items; the
     * top-level {@code authors} is always kept. Names are letters, digits, {@code _} and {@code -},
     * starting with a letter or {@code _}.
     */
    @WithDefault("language,format,genres,series,in_stock,price,popularity,published_year")
    List<@WithConverter(FacetNameConverter.class) String> facets();
}
