package com.example.profiles.config;

import java.util.Locale;
import java.util.Optional;

import com.example.profiles.kernel.Precision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the scoring of recommendations (env prefix RECOMMEND_); the catalog's own loading and
 * refreshing are {@code CatalogConfig}'s. The choices are enums, so that a typo stops the start instead of
 * silently meaning {@code auto}.
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
     * or {@code auto} (int8 from 5,000 items, {@link Precision#AUTO_INT8_MIN_ROWS}).
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

        /** The precision a catalog of {@code rows} rows is scanned at. */
        public Precision resolve(int rows) {
            return switch (this) {
                case FLOAT32 -> Precision.FLOAT32;
                case INT8 -> Precision.INT8;
                case AUTO -> rows >= Precision.AUTO_INT8_MIN_ROWS ? Precision.INT8 : Precision.FLOAT32;
            };
        }
    }

    interface Demo {
        /** Seed the goodbooks-10k demo catalog and demo users at start when the catalog is empty (dev). */
        @WithDefault("false")
        boolean seed();

        /**
         * With {@link #seed()}, also the 150 demo shoppers and their 2,250 past purchases (the README's offline
         * evaluation); about 20 s of a loaded machine's start-up, so tests that do not evaluate turn it off.
         */
        @WithDefault("true")
        boolean shoppers();
    }
}
