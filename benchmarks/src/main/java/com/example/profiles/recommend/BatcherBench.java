package com.example.profiles.recommend;


import com.example.profiles.bench.BenchData;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Int8Search;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.TopKQuery;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The service's scoring layer under concurrent load, without HTTP: 8 client threads each submit a
 * recommendation to the real {@link ScanBatcher} and wait for it, against 1M x 64 int8 items, with one
 * drainer per core (as {@code ScoringEngine} sets it up) and each pass on one thread. {@code batch=1} is
 * the service without batching; compare the throughput of {@code batch=1} and {@code batch=8} in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(8)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class BatcherBench {

    @Param({"1000000"})
    public int rows;

    @Param({"64"})
    public int dim;

    @Param({"1", "8"})
    public int batch;

    private Embeddings catalog;
    private ScanBatcher batcher;
    private ExecutorService drainers;
    private float[][] queries;
    private final AtomicInteger next = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        ScoringKernel kernel = Kernels.select("vector").kernel();
        CatalogMatrix m = new CatalogMatrix(BenchData.gaussian(1, (long) rows * dim), rows, dim);
        catalog = new Embeddings(m, new QuantizedCatalog(m), Precision.INT8, "bench");
        queries = new float[64][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = BenchData.gaussian(100 + i, dim);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        drainers = Executors.newFixedThreadPool(cores);
        Int8Search search = new Int8Search(kernel, 1, null);
        batcher = new ScanBatcher(batch, cores, drainers, (c, q) -> search.validate(c.quantized(), q),
                (c, qs) -> search.topKBatch(c.quantized(), qs));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        drainers.shutdownNow();
    }

    @Benchmark
    public int recommend() {
        float[] q = queries[next.getAndIncrement() & 63];
        return batcher.submit(catalog, new TopKQuery(q, Metric.DOT, 10, null)).await().indefinitely()
                .result().rows()[0];
    }
}
