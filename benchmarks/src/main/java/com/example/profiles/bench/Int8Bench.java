package com.example.profiles.bench;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Int8Search;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Exact top-10 over 1M Gaussian items: int8 two-phase (alone and in batches) vs float32 Vector API brute force,
 * 1 or 2 threads.
 * Each op runs the 16 precomputed queries in turn (reported time is per query). Candidate-set sizes are
 * printed at setup ("candidates min/mean/max").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class Int8Bench {

    static final int QUERIES = 16;

    @Param({"1000000"})
    public int rows;

    @Param({"64", "128"})
    public int dim;

    @Param({"DOT", "COSINE"})
    public String metric;

    @Param({"1", "2"})
    public int threads;

    /** Queries per pass of {@link #int8Batch}. */
    @Param({"4"})
    public int batch;

    private ScoringKernel kernel;
    private CatalogMatrix m;
    private QuantizedCatalog qc;
    private float[][] queries;
    private Metric met;
    private ExecutorService pool;
    private Int8Search int8Search;
    private ExactSearch exactSearch;

    @Setup(Level.Trial)
    public void setUp() {
        kernel = Kernels.select("vector").kernel();
        m = new CatalogMatrix(BenchData.gaussian(1, (long) rows * dim), rows, dim);
        qc = new QuantizedCatalog(m);
        queries = new float[QUERIES][];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = BenchData.gaussian(100 + i, dim);
        }
        met = Metric.valueOf(metric);
        pool = Executors.newFixedThreadPool(2);
        int8Search = new Int8Search(kernel, threads, pool);
        exactSearch = new ExactSearch(kernel, threads, pool);
        long sum = 0;
        int min = Integer.MAX_VALUE;
        int max = 0;
        int fallbacks = 0;
        for (float[] q : queries) {
            TopKOutcome r = int8Search.topK(qc, q, met, 10, null);
            SearchResult e = exactSearch.topK(m, q, met, 10, null);
            if (!r.result().equals(e)) {
                throw new IllegalStateException("int8 result differs from float32");
            }
            sum += r.candidates();
            min = Math.min(min, r.candidates());
            max = Math.max(max, r.candidates());
            fallbacks += r.fallback() ? 1 : 0;
        }
        System.out.printf("%n[int8] %s rows=%d dim=%d metric=%s: candidates min/mean/max = %d/%.1f/%d, fallbacks %d/%d,"
                        + " int8 scan bytes %d, float32 bytes %d%n",
                kernel.name(), rows, dim, metric, min, (double) sum / QUERIES, max, fallbacks, QUERIES, qc.scanBytes(),
                (long) rows * dim * 4);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int int8() {
        int s = 0;
        for (float[] q : queries) {
            s += int8Search.topK(qc, q, met, 10, null).result().rows()[0];
        }
        return s;
    }

    /**
     * The same 16 queries in batches of {@code batch} ({@link Int8Search#topKBatch}: one pass over the codes per
     * batch). Reported per query, so {@code int8 / int8Batch} is the throughput gain of batching.
     */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int int8Batch() {
        int s = 0;
        for (int from = 0; from < QUERIES; from += batch) {
            java.util.List<TopKQuery> qs = new java.util.ArrayList<>(batch);
            for (int i = from; i < Math.min(QUERIES, from + batch); i++) {
                qs.add(new TopKQuery(queries[i], met, 10, null));
            }
            for (TopKOutcome r : int8Search.topKBatch(qc, qs)) {
                s += r.result().rows()[0];
            }
        }
        return s;
    }

    /** Streaming floor for the int8 scan: sequential read of {@code scanBytes()} worth of the float matrix. */
    @Benchmark
    public float streamInt8Bytes() throws Exception {
        return stream((int) Math.min(m.data().length, qc.scanBytes() / 4));
    }

    /** Streaming floor for the float32 scan: sequential read of the whole float matrix. */
    @Benchmark
    public float streamFloat32Bytes() throws Exception {
        return stream(m.data().length);
    }

    private float stream(int n) throws Exception {
        float[] d = m.data();
        if (threads == 1) {
            return StreamBench.sum(d, 0, n);
        }
        java.util.concurrent.Future<Float> f = pool.submit(() -> StreamBench.sum(d, n / 2, n));
        return StreamBench.sum(d, 0, n / 2) + f.get();
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int float32() {
        int s = 0;
        for (float[] q : queries) {
            s += exactSearch.topK(m, q, met, 10, null).rows()[0];
        }
        return s;
    }
}
