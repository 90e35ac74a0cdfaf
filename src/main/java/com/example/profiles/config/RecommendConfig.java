package com.example.profiles.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Settings of the item catalog and the scoring of recommendations (env prefix RECOMMEND_). The
 * choices are enums, so that a typo stops the start instead of silently meaning {@code auto}.
 */
@ConfigMapping(prefix = "recommend")
public interface RecommendConfig {

    /** DynamoDB table holding the item catalog. */
    @WithDefault("Items")
    String itemsTable();

    /**
     * Scoring kernel: {@code auto} (the Vector API where it is usable and fast, else scalar),
     * {@code vector} or {@code scalar}.
     */
    @WithDefault("auto")
    KernelPreference kernel();

    /**
     * Catalog scan precision: {@code float32}, {@code int8} (exact two-phase search over int8 codes)
     * or {@code auto} (int8 from 50,000 items).
     */
    @WithDefault("auto")
    PrecisionPreference precision();

    /** Threads one recommendation may use to scan a large catalog; default: all cores. */
    Optional<Integer> parallelism();

    /**
     * Most recommendations scored together in one pass over an int8 catalog. Only requests that queue
     * behind busy scans are batched (none waits for a batch to fill); {@code 1} turns batching off.
     */
    @WithDefault("8")
    int batchSize();

    Catalog catalog();

    Demo demo();

    enum KernelPreference {
        AUTO, VECTOR, SCALAR;

        /** The value as written in the configuration. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    enum PrecisionPreference {
        AUTO, FLOAT32, INT8;

        /** The value as written in the configuration. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    interface Catalog {
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

    interface Demo {
        /** Seed the goodbooks-10k demo catalog and demo users at start when the catalog is empty (dev). */
        @WithDefault("false")
        boolean seed();
    }
}
