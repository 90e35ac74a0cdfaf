package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.ScoringKernel;

/** Which models get clusters (and keep them), and the settings that stop the start. */
class CatalogClusteringTest {

    private static final ScoringKernel KERNEL = Kernels.select("scalar").kernel();

    @Test
    void autoClustersModelsFromMinRowsOnEveryModelOffNone() {
        CatalogClustering auto = new CatalogClustering(PruningConfig.Mode.AUTO, 20_000, null, 1, KERNEL, 1);
        assertThat(auto.wanted("m", 19_999)).isFalse();
        assertThat(auto.wanted("m", 20_000)).isTrue();
        CatalogClustering on = new CatalogClustering(PruningConfig.Mode.ON, 20_000, null, 1, KERNEL, 1);
        assertThat(on.wanted("m", 1)).isTrue();
        assertThat(on.wanted("m", 0)).as("a model without vectors").isFalse();
        CatalogClustering off = new CatalogClustering(PruningConfig.Mode.OFF, 1, null, 1, KERNEL, 1);
        assertThat(off.wanted("m", 10_000_000)).isFalse();
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

    @Test
    void autoServesDataWithoutClusterStructureByFullScansUntilItDoubles() {
        int rows = 4_000;
        int dim = 16;
        CatalogClustering auto = new CatalogClustering(PruningConfig.Mode.AUTO, 1_000, null, 1, KERNEL, 1);
        String[] ids = ids(rows);

        float[] noise = new float[rows * dim];
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) random.nextGaussian();
        }
        float[] original = noise.clone();
        CatalogClustering.Laid laid = auto.lay("noise", noise, dim, ids, null, null, null);
        assertThat(laid.clusters()).as("Gaussian noise does not prune").isNull();
        assertThat(noise).as("rows back in item-id order").containsExactly(original);
        assertThat(laid.matrix().data()).isSameAs(noise);
        assertThat(auto.wanted("noise", rows)).as("not fitted again at the same size").isFalse();
        assertThat(auto.wanted("noise", 2 * rows)).isTrue();
        assertThat(auto.wanted("other", rows)).isTrue();

        float[] groups = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            int centre = r % 40;
            for (int d = 0; d < dim; d++) {
                groups[r * dim + d] = 10 * (float) Math.sin(centre * 7.1 + d * 1.3) + 0.01f * (float) random.nextGaussian();
            }
        }
        laid = auto.lay("groups", groups, dim, ids, null, null, null);
        assertThat(laid.clusters()).as("tight groups prune").isNotNull();

        CatalogClustering on = new CatalogClustering(PruningConfig.Mode.ON, 1, null, 1, KERNEL, 1);
        assertThat(on.lay("noise", original.clone(), dim, ids, null, null, null).clusters())
                .as("on keeps clusters whatever they prune").isNotNull();
    }

    private static String[] ids(int rows) {
        String[] ids = new String[rows];
        for (int r = 0; r < rows; r++) {
            ids[r] = String.format("item-%06d", r);
        }
        return ids;
    }
}
