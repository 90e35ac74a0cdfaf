package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.ScoringKernel;

/** Which models get clusters, and the settings that stop the start. */
class CatalogClusteringTest {

    private static final ScoringKernel KERNEL = Kernels.select("scalar").kernel();

    @Test
    void autoClustersModelsFromMinRowsOnEveryModelOffNone() {
        CatalogClustering auto = new CatalogClustering(PruningConfig.Mode.AUTO, 20_000, null, 1, KERNEL, 1);
        assertThat(auto.wanted(19_999)).isFalse();
        assertThat(auto.wanted(20_000)).isTrue();
        CatalogClustering on = new CatalogClustering(PruningConfig.Mode.ON, 20_000, null, 1, KERNEL, 1);
        assertThat(on.wanted(1)).isTrue();
        assertThat(on.wanted(0)).as("a model without vectors").isFalse();
        CatalogClustering off = new CatalogClustering(PruningConfig.Mode.OFF, 1, null, 1, KERNEL, 1);
        assertThat(off.wanted(10_000_000)).isFalse();
    }

    @Test
    void settingsThatCannotWorkNameTheirKey() {
        assertThatThrownBy(() -> new CatalogClustering(PruningConfig.Mode.AUTO, 0, null, 1, KERNEL, 1).validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("recommend.pruning.min-rows must be at least 1, not 0");
        assertThatThrownBy(() -> new CatalogClustering(PruningConfig.Mode.ON, 1, 0, 1, KERNEL, 1).validate())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("recommend.pruning.clusters must be at least 1, not 0");
        new CatalogClustering(PruningConfig.Mode.ON, 1, 1, 1, KERNEL, 1).validate();
    }
}
