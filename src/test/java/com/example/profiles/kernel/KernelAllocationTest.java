package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The Vector API is only fast when C2 inlines every vector operation into the kernel method: past the
 * compiler's inlining budget (for example a kernel that handles four blocks per pass on JDK 17, or a kernel
 * small enough to be inlined into a large caller) the vectors become heap objects, allocating hundreds of
 * bytes per row and running 3-100x slower, while every result stays correct. No functional test notices, so
 * this one checks the symptom: once compiled, a query over 16k rows allocates only its few small arrays.
 * Allocation is counted per thread (HotSpot's {@code com.sun.management.ThreadMXBean}), not timed.
 */
class KernelAllocationTest {

    private static final int ROWS = 16_384;
    private static final int DIM = 64;
    /** A boxed scan allocates at least 32 B per row (one 256-bit vector), 512 KB per query here. */
    private static final long MAX_BYTES_PER_QUERY = 64 * 1024;
    private static final long WARM_UP_NANOS = 60_000_000_000L;

    @Test
    void compiledSearchesDoNotBoxVectors() {
        LongSupplier allocated = threadAllocatedBytes();
        ScoringKernel kernel = TestData.vector();
        SplittableRandom rnd = new SplittableRandom(21);
        CatalogMatrix m = new CatalogMatrix(TestData.gaussian(rnd, ROWS * DIM, 1), ROWS, DIM);
        QuantizedCatalog qc = new QuantizedCatalog(m);
        exerciseEveryPath(kernel, rnd);
        float[][] queries = new float[8][];
        for (int i = 0; i < queries.length; i++) {
            queries[i] = TestData.gaussian(rnd, DIM, 1);
        }
        ExactSearch exact = TestData.exact(kernel, 1, null);
        Int8Search int8Search = TestData.int8(kernel, 1, null);
        long float32 = settledBytesPerQuery(allocated, queries, q -> exact.topK(m, q, Metric.DOT, 10, null).rows()[0]);
        long int8 = settledBytesPerQuery(allocated, queries,
                q -> int8Search.topK(qc, q, Metric.DOT, 10, null).result().rows()[0]);
        assertTrue(float32 <= MAX_BYTES_PER_QUERY, kernel + ": float32 scan allocates " + float32 + " B per query: boxed vectors?");
        assertTrue(int8 <= MAX_BYTES_PER_QUERY, kernel + ": int8 scan allocates " + int8 + " B per query: boxed vectors?");
    }

    /**
     * Gives the JIT the most varied profile the kernel can see before it compiles the measured scans: every
     * dimension from 1 to 80 (vector bodies, scalar tails, odd rows) and int8 catalogs of several widths.
     * A kernel that only stays vectorised under a clean profile fails here whatever ran before in this JVM.
     */
    private static void exerciseEveryPath(ScoringKernel kernel, SplittableRandom rnd) {
        int maxDim = 80;
        float[][] matrices = new float[maxDim + 1][];
        float[][] queries = new float[maxDim + 1][];
        for (int dim = 1; dim <= maxDim; dim++) {
            matrices[dim] = TestData.gaussian(rnd, 7 * dim, 1);
            queries[dim] = TestData.gaussian(rnd, dim, 1);
        }
        float[] out = new float[7];
        for (int round = 0; round < 300; round++) {
            for (int dim = 1; dim <= maxDim; dim++) {
                kernel.dotRows(matrices[dim], dim, queries[dim], 0, 7, out, 0);
                out[0] += kernel.dot(matrices[dim], dim, queries[dim], 0, dim);
            }
        }
        for (int dim : new int[] {3, 17, 33, 100}) {
            CatalogMatrix m = new CatalogMatrix(TestData.gaussian(rnd, 300 * dim, 1), 300, dim);
            QuantizedCatalog qc = new QuantizedCatalog(m);
            float[] q = TestData.gaussian(rnd, dim, 1);
            ExactSearch exact = TestData.exact(kernel, 1, null);
            Int8Search int8 = TestData.int8(kernel, 1, null);
            for (int round = 0; round < 300; round++) {
                int8.topK(qc, q, Metric.COSINE, 5, r -> r % 7 == 0);
                exact.topK(m, q, Metric.COSINE, 5, null);
            }
        }
    }

    /** Runs the queries until a round allocates little (the JIT has compiled the kernel) or the time is up. */
    private static long settledBytesPerQuery(LongSupplier allocated, float[][] queries,
                                             java.util.function.ToIntFunction<float[]> search) {
        long deadline = System.nanoTime() + WARM_UP_NANOS;
        long perQuery;
        long sink = 0;
        do {
            long before = allocated.getAsLong();
            for (int round = 0; round < 16; round++) {
                for (float[] q : queries) {
                    sink += search.applyAsInt(q);
                }
            }
            perQuery = (allocated.getAsLong() - before) / (16L * queries.length);
        } while (perQuery > MAX_BYTES_PER_QUERY / 4 && System.nanoTime() < deadline);
        assertTrue(sink != Long.MIN_VALUE); // keeps the results alive; row sums cannot reach it
        return perQuery;
    }

    private static LongSupplier threadAllocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        hotspot.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();
        return () -> hotspot.getThreadAllocatedBytes(id);
    }
}
