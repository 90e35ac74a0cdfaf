package com.example.profiles.bench;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.SearchResult;
import java.util.concurrent.TimeUnit;
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

/**
 * float32 scoring kernel: scalar vs Vector API. {@code score} = dotRows over the whole catalog (no selection);
 * {@code topK} = ExactSearch top-10 (dot / cosine), so selection cost = topK - score; {@code stream} = plain
 * sequential read of the same matrix (memory/cache bandwidth floor). Divide by rows for ns/item; bytes per
 * op = rows * dim * 4.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms6g", "-Xmx6g"})
public class KernelBench {

    @Param({"64", "128", "768"})
    public int dim;

    @Param({"10000", "100000", "1000000"})
    public int rows;

    @Param({"vector", "scalar"})
    public String kernel;

    @Param({"DOT", "COSINE"})
    public String metric;

    private ExactSearch search;
    private ScoringKernel k;
    private CatalogMatrix m;
    private float[] query;
    private float[] out;
    private Metric met;

    @Setup(Level.Trial)
    public void setUp() {
        if ((long) rows * dim > 200_000_000L) {
            throw new IllegalStateException("skipped: " + rows + " x " + dim + " (3 GB) exceeds the benchmark budget");
        }
        k = Kernels.select(kernel).kernel();
        if (!k.name().startsWith(kernel.equals("vector") ? "vector" : "scalar")) {
            throw new IllegalStateException("wanted " + kernel + " got " + k.name());
        }
        m = new CatalogMatrix(BenchData.gaussian(1, (long) rows * dim), rows, dim);
        query = BenchData.gaussian(2, dim);
        out = new float[512];
        met = Metric.valueOf(metric);
        search = new ExactSearch(k, 1, null);
    }

    /** Scores every row (dotRows through a 512-row buffer, as ExactSearch does); metric ignored. */
    @Benchmark
    public float score() {
        float acc = 0;
        float[] data = m.data();
        for (int r0 = 0; r0 < rows; r0 += 512) {
            int r1 = Math.min(rows, r0 + 512);
            k.dotRows(data, dim, query, r0, r1, out, 0);
            acc += out[0];
        }
        return acc;
    }

    /** Streaming floor in the same harness: Vector API sum of the same float32 matrix (bytes = rows*dim*4). */
    @Benchmark
    public float stream() {
        return StreamBench.sum(m.data(), 0, m.data().length);
    }

    @Benchmark
    public SearchResult topK() {
        return search.topK(m, query, met, 10, null);
    }
}
