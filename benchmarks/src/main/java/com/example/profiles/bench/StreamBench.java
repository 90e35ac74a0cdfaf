package com.example.profiles.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
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

/**
 * Memory-bandwidth floor: Vector API sum of a large float[] (4 accumulators), 1 or 2 threads.
 * {@code mb} = 72 is the int8 scan volume of 1M x 64 (64 MB codes + 8 MB per-row scale/bound),
 * 136 that of 1M x 128, 256 the float32 1M x 64 matrix, 512 the float32 1M x 128 matrix.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class StreamBench {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    @Param({"72", "136", "256", "512"})
    public int mb;

    @Param({"1", "2"})
    public int threads;

    private float[] data;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
        data = BenchData.gaussian(3, (long) mb * 1024 * 1024 / 4);
        pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    static float sum(float[] a, int from, int to) {
        int l = S.length();
        FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
        int i = from;
        for (; i + 4 * l <= to; i += 4 * l) {
            a0 = a0.add(FloatVector.fromArray(S, a, i));
            a1 = a1.add(FloatVector.fromArray(S, a, i + l));
            a2 = a2.add(FloatVector.fromArray(S, a, i + 2 * l));
            a3 = a3.add(FloatVector.fromArray(S, a, i + 3 * l));
        }
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    @Benchmark
    public float stream() throws Exception {
        if (threads == 1) {
            return sum(data, 0, data.length);
        }
        List<Future<Float>> fs = new ArrayList<>();
        int n = data.length;
        for (int t = 1; t < threads; t++) {
            final int from = (int) ((long) n * t / threads);
            final int to = (int) ((long) n * (t + 1) / threads);
            fs.add(pool.submit(() -> sum(data, from, to)));
        }
        float s = sum(data, 0, n / threads);
        for (Future<Float> f : fs) {
            s += f.get();
        }
        return s;
    }
}
