package com.example.profiles.catalog;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.model.ModelNames;
import com.example.profiles.model.ModelRegistry;

/**
 * What clustering adds to a catalog load, built as a load builds it (rows into a {@link RowBuffer}, then
 * {@link CatalogBuilder}): wall time of the build with and without clusters (int8 precision, the pod's pool of
 * all cores for the fit), and the live set of each snapshot. Data: a mixture of 1000 Gaussian blobs (centres
 * N(0, I), per-coordinate spread 0.1) x 64. Runs only when asked:
 * {@code ./mvnw -o test-compile surefire:test@default-test -Dtest=ClusterBuildBenchmark
 * -Dcluster.bench.items=1000000 -DargLine=-Xmx6g}.
 */
@EnabledIfSystemProperty(named = "cluster.bench.items", matches = "\\d+")
class ClusterBuildBenchmark {

    private static final int DIMENSION = 64;

    @Test
    void buildTimeAndMemoryOfTheClusters() {
        int items = Integer.getInteger("cluster.bench.items");
        int cores = Runtime.getRuntime().availableProcessors();
        CatalogClustering clustering = new CatalogClustering(PruningConfig.Mode.ON, 1, null, 1,
                Kernels.select("auto").kernel(), cores);
        try {
            for (int round = 0; round < 2; round++) { // the first round warms the JIT
                long empty = usedAfterGc();
                long t0 = System.nanoTime();
                Catalog plain = build(items, null);
                long t1 = System.nanoTime();
                long plainBytes = usedAfterGc() - empty;
                plain = null;
                empty = usedAfterGc();
                long t2 = System.nanoTime();
                Catalog clustered = build(items, clustering);
                long t3 = System.nanoTime();
                long clusteredBytes = usedAfterGc() - empty;
                Clusters c = clustered.embeddings(ModelNames.DEFAULT).clusters();
                System.out.printf("[clusters] round %d: %,d items x %d int8, %d cores: build %,d ms without clusters,"
                        + " %,d ms with %d clusters (+%,d ms); live set %,.0f MiB -> %,.0f MiB (+%,.0f MiB;"
                        + " Clusters.bytes() %,.0f MiB)%n", round, items, DIMENSION, cores, (t1 - t0) / 1_000_000,
                        (t3 - t2) / 1_000_000, c.index().clusters(), (t3 - t2 - (t1 - t0)) / 1_000_000,
                        plainBytes / 1048576.0, clusteredBytes / 1048576.0,
                        (clusteredBytes - plainBytes) / 1048576.0, c.bytes() / 1048576.0);
            }
        } finally {
            clustering.stop();
        }
    }

    private static Catalog build(int items, CatalogClustering clustering) {
        SplittableRandom rnd = new SplittableRandom(3);
        float[][] centres = new float[1000][DIMENSION];
        for (float[] centre : centres) {
            for (int i = 0; i < DIMENSION; i++) {
                centre[i] = (float) gauss(rnd);
            }
        }
        RowBuffer buffer = new RowBuffer(new FacetCodes(CatalogBuilder.facetNames(List.of())), DIMENSION);
        for (int r = 0; r < items; r++) {
            float[] centre = centres[rnd.nextInt(centres.length)];
            float[] v = new float[DIMENSION];
            for (int i = 0; i < DIMENSION; i++) {
                v[i] = centre[i] + (float) (0.1 * gauss(rnd));
            }
            buffer.add(new CatalogBuilder.Row(String.format("item-%08d", r), "", v));
        }
        return CatalogBuilder.build(buffer, PrecisionPreference.INT8, ModelRegistry.legacy(DIMENSION), clustering, null)
                .catalog();
    }

    private static double gauss(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
