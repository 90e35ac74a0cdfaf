package com.example.profiles.kernel;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

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

import com.example.profiles.bench.BenchData;

/**
 * Exact top-10 restricted to a random row mask of the given density, 1M x 64, one thread: the full scan that
 * skips rows outside the mask against the gather that scores only the mask's rows, in both precisions, and
 * what {@link ScanStrategy} picks ({@code auto}). Lives in the kernel package to reach the forced paths.
 * Every setup checks that the three strategies return the same answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class FilterBench {

    private static final int QUERIES = 8;

    @Param({"1000000"})
    public int rows;

    @Param({"64"})
    public int dim;

    @Param({"float32", "int8"})
    public String precision;

    @Param({"1", "0.5", "0.25", "0.1", "0.05", "0.01", "0.001"})
    public double density;

    @Param({"auto", "full", "gather"})
    public String strategy;

    private CatalogMatrix m;
    private QuantizedCatalog qc;
    private ExactSearch exact;
    private Int8Search int8;
    private TopKQuery[] masked;
    private TopKQuery[] unmaskedSkipping;

    @Setup(Level.Trial)
    public void setUp() {
        ScoringKernel kernel = Kernels.select("vector").kernel();
        m = new CatalogMatrix(BenchData.gaussian(1, (long) rows * dim), rows, dim);
        qc = precision.equals("int8") ? new QuantizedCatalog(m) : null;
        exact = new ExactSearch(kernel, 1, null);
        int8 = new Int8Search(kernel, 1, null);
        SplittableRandom rnd = new SplittableRandom(5);
        long[] words = new long[(rows + 63) >>> 6];
        int count = 0;
        for (int r = 0; r < rows; r++) {
            if (rnd.nextDouble() < density) {
                words[r >>> 6] |= 1L << r;
                count++;
            }
        }
        RowMask mask = new RowMask(words, count);
        IntPredicate outside = r -> !mask.contains(r);
        masked = new TopKQuery[QUERIES];
        unmaskedSkipping = new TopKQuery[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            float[] q = BenchData.gaussian(100 + i, dim);
            masked[i] = new TopKQuery(q, Metric.DOT, 10, null, mask);
            unmaskedSkipping[i] = new TopKQuery(q, Metric.DOT, 10, outside);
            SearchResult full = run("full", i);
            if (!full.equals(run("gather", i)) || !full.equals(run("auto", i))) {
                throw new IllegalStateException("strategies disagree at density " + density);
            }
        }
        System.out.printf("%n[filter] %s density %s: %d of %d rows pass, auto picks %s%n", precision, density, count, rows,
                ScanStrategy.choose(mask, rows, qc != null));
    }

    private SearchResult run(String how, int i) {
        switch (how) {
            case "gather":
                return exact.gather(m, masked[i]).result();
            case "full":
                return qc != null ? int8.topKBatch(qc, java.util.List.of(unmaskedSkipping[i])).get(0).result()
                        : exact.search(m, unmaskedSkipping[i]).result();
            default:
                return qc != null ? int8.topKBatch(qc, java.util.List.of(masked[i])).get(0).result()
                        : exact.search(m, masked[i]).result();
        }
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int search() {
        int s = 0;
        for (int i = 0; i < QUERIES; i++) {
            SearchResult r = run(strategy, i);
            s += r.size() == 0 ? 0 : r.rows()[0];
        }
        return s;
    }
}
