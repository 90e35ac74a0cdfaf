package com.example.profiles.catalog;

import java.util.Locale;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Whether each snapshot's embeddings are grouped into clusters so that an exact search can skip those that
 * cannot hold a top-k row (env prefix RECOMMEND_PRUNING_). The answers are the same either way; the clusters
 * cost memory (8 bytes per row and two centroids per cluster) and build time at each load.
 */
@ConfigMapping(prefix = "recommend.pruning")
public interface PruningConfig {

    /**
     * {@code auto}: clusters for every model of at least {@code min-rows} items whose fitted clusters prune a
     * quarter of sample queries (else full scans until the model doubles); {@code on}: for every model;
     * {@code off}: none, every search reads the whole catalog (env RECOMMEND_PRUNING_MODE). With clusters the
     * planner still decides per request whether pruning pays.
     */
    @WithDefault("auto")
    Mode mode();

    /**
     * In {@code auto}, models with fewer items get no clusters: their full scan takes well under a
     * millisecond (env RECOMMEND_PRUNING_MIN_ROWS).
     */
    @WithDefault("20000")
    int minRows();

    /** Clusters per model; default: about the square root of its rows (env RECOMMEND_PRUNING_CLUSTERS). */
    Optional<Integer> clusters();

    /** Seed of the k-means fit, so that pods that loaded the same rows cluster them alike. */
    @WithDefault("1")
    long seed();

    enum Mode {
        AUTO, ON, OFF;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
