package com.example.profiles.recommend;


import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

import com.example.profiles.catalog.CatalogBuilder;
import com.example.profiles.catalog.CatalogClustering;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.catalog.PruningConfig;
import com.example.profiles.model.ModelNames;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.ScanStrategy;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.TestData;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The engine's real path for a large int8 catalog: concurrent recommendations go through the batcher and
 * the pools, and each gets exactly the answer of a lone int8 search (rows, scores, candidate count). A small
 * catalog is scored where the request runs, without the pools.
 */
class ScoringEngineBatchTest {

    @Test
    void concurrentRecommendationsOnALargeInt8CatalogGetTheirOwnExactAnswers() {
        int rows = 20_000; // 1.28M floats: above the inline limit, so the batcher is used
        int dim = 64;
        SplittableRandom rnd = new SplittableRandom(5);
        float[] data = TestData.gaussian(rnd, rows * dim, 1);
        CatalogMatrix matrix = new CatalogMatrix(data, rows, dim);
        QuantizedCatalog quantized = new QuantizedCatalog(matrix);
        Embeddings catalog = new Embeddings(matrix, quantized, Precision.INT8, "v1");
        assertThat((long) rows * dim).isGreaterThanOrEqualTo(ScoringEngine.INLINE_FLOATS);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoringEngine engine = new ScoringEngine(EngineTestConfig.of(RecommendConfig.PrecisionPreference.INT8), Kernels.select("auto"), new ScoringMetrics(registry));
        try {
            int n = 48;
            List<float[]> queries = new ArrayList<>();
            List<CompletableFuture<TopKOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                float[] q = TestData.gaussian(rnd, dim, 1);
                queries.add(q);
                answers.add(engine.topK(catalog, q, metric(i), k(i), excluded(i)).subscribeAsCompletionStage());
            }
            for (int i = 0; i < n; i++) {
                TopKOutcome alone = TestData.int8(engine.kernel(), 1, null).topK(quantized, queries.get(i), metric(i), k(i), excluded(i));
                assertThat(answers.get(i).join()).as("query " + i).isEqualTo(alone);
            }
            DistributionSummary passes = registry.find("recommend.int8.batch.queries").summary();
            assertThat(passes).isNotNull();
            assertThat(passes.totalAmount()).isEqualTo(n);
            assertThat(passes.count()).isBetween(1L, (long) n);
            System.out.printf("[batch] %d concurrent recommendations in %d passes (largest %.0f)%n", n, passes.count(),
                    passes.max());
        } finally {
            engine.stop();
        }
    }

    /**
     * The same path on a catalog laid out in clusters: queries near a cluster are pruned (one thread, no pass
     * over the codes), the others probed, declined and batched; masks and exclusions speak in catalog rows.
     * Every answer equals the float32 brute force over the catalog in item-id order.
     */
    @Test
    void concurrentRecommendationsOnALargeClusteredCatalogArePrunedOrBatchedAndExact() {
        int rows = 20_000;
        int dim = 64;
        SplittableRandom rnd = new SplittableRandom(8);
        // half the rows in 120 tight groups far out, half noise around the origin: a query toward a group is
        // answered by a few clusters, a noise query reaches every noise cluster's bound and is declined
        float[][] centres = new float[120][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = TestData.gaussian(rnd, dim, 2);
        }
        float[] source = new float[rows * dim];
        List<CatalogBuilder.Row> loaded = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            boolean grouped = r % 2 == 0;
            float[] v = TestData.gaussian(rnd, dim, grouped ? 0.05 : 1);
            float[] centre = centres[rnd.nextInt(centres.length)];
            for (int i = 0; grouped && i < dim; i++) {
                v[i] += centre[i];
            }
            System.arraycopy(v, 0, source, r * dim, dim);
            loaded.add(new CatalogBuilder.Row(String.format("r%05d", r), "", v)); // ids sort like the rows
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScoringEngine engine = new ScoringEngine(EngineTestConfig.of(RecommendConfig.PrecisionPreference.INT8),
                Kernels.select("auto"), new ScoringMetrics(registry));
        try {
            CatalogClustering clustering = new CatalogClustering(PruningConfig.Mode.AUTO, 10_000, null, 3,
                    engine.kernel(), 2);
            Embeddings catalog = CatalogBuilder.build(loaded, RecommendConfig.PrecisionPreference.INT8, List.of(), dim,
                    clustering).catalog().embeddings(ModelNames.DEFAULT);
            clustering.stop();
            assertThat(catalog.clusters()).isNotNull();
            assertThat(catalog.int8()).isTrue();
            CatalogMatrix byId = new CatalogMatrix(source, rows, dim);
            RowMask wide = RowMask.of(randomRows(rnd, rows, 0.7));
            RowMask narrow = RowMask.of(randomRows(rnd, rows, 0.1));
            int n = 32;
            List<TopKQuery> queries = new ArrayList<>();
            List<CompletableFuture<TopKOutcome>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // even: toward a group (pruned); odd: noise (declined, scanned in full)
                float[] q = i % 2 == 0 ? centres[rnd.nextInt(centres.length)].clone() : TestData.gaussian(rnd, dim, 1);
                RowMask mask = switch (i % 5) {
                    case 1 -> wide;
                    case 3 -> narrow;
                    default -> null;
                };
                TopKQuery query = new TopKQuery(q, metric(i), k(i), excluded(i), mask);
                queries.add(query);
                answers.add(engine.topK(catalog, query).subscribeAsCompletionStage());
            }
            int pruned = 0;
            for (int i = 0; i < n; i++) {
                TopKOutcome answer = answers.get(i).join();
                TopKOutcome brute = new ExactSearch(engine.kernel(), 1, null).search(byId, queries.get(i));
                assertThat(answer.result()).as("query " + i).isEqualTo(brute.result());
                pruned += answer.scan() == ScanStrategy.PRUNED ? 1 : 0;
                if (answer.scan() == ScanStrategy.PRUNED) {
                    assertThat(answer.scanned()).as("query " + i).isLessThan(rows / 4);
                }
            }
            assertThat(pruned).as("pruned queries").isBetween(n / 4, n - n / 4);
            DistributionSummary passes = registry.find("recommend.int8.batch.queries").summary();
            assertThat(passes.totalAmount()).as("declined queries scanned in passes over the codes")
                    .isEqualTo(n - pruned);
        } finally {
            engine.stop();
        }
    }

    private static long[] randomRows(SplittableRandom rnd, int rows, double share) {
        long[] words = new long[RowMask.wordCount(rows)];
        for (int r = 0; r < rows; r++) {
            if (rnd.nextDouble() < share) {
                words[r >>> 6] |= 1L << r;
            }
        }
        return words;
    }

    @Test
    void aSmallCatalogIsScoredInTheCallingThreadAloneWithTheSameAnswer() {
        int rows = 12_000; // several chunks' worth of rows, under the inline limit
        int dim = 64;
        SplittableRandom rnd = new SplittableRandom(6);
        CatalogMatrix matrix = new CatalogMatrix(TestData.gaussian(rnd, rows * dim, 1), rows, dim);
        Embeddings catalog = Embeddings.float32(matrix, "v1");
        assertThat((long) rows * dim).isLessThan(ScoringEngine.INLINE_FLOATS);

        ScoringEngine engine = new ScoringEngine(EngineTestConfig.of(RecommendConfig.PrecisionPreference.FLOAT32),
                Kernels.select("auto"), new ScoringMetrics(new SimpleMeterRegistry()));
        try {
            Set<Thread> chunkThreadsBefore = threadsNamed("scoring-chunk-");
            float[] q = TestData.gaussian(rnd, dim, 1);
            String caller = Thread.currentThread().getName();
            AtomicReference<String> answeredOn = new AtomicReference<>();
            TopKOutcome answer = engine.topK(catalog, q, Metric.DOT, 10, null)
                    .invoke(() -> answeredOn.set(Thread.currentThread().getName()))
                    .await().indefinitely();

            // An inline scan that split its rows would have handed a chunk to the pool and waited for it,
            // on an event loop in the service.
            assertThat(answeredOn.get()).isEqualTo(caller);
            assertThat(threadsNamed("scoring-chunk-")).isEqualTo(chunkThreadsBefore);
            assertThat(answer).isEqualTo(new ExactSearch(engine.kernel(), 2, null).search(matrix, new TopKQuery(q, Metric.DOT, 10, null)));
        } finally {
            engine.stop();
        }
    }

    private static Set<Thread> threadsNamed(String prefix) {
        Set<Thread> threads = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                threads.add(thread);
            }
        }
        return threads;
    }

    private static Metric metric(int i) {
        return i % 2 == 0 ? Metric.DOT : Metric.COSINE;
    }

    private static int k(int i) {
        return new int[] {1, 10, 100}[i % 3];
    }

    private static IntPredicate excluded(int i) {
        return i % 4 == 3 ? r -> r % 3 == 0 : null;
    }
}
