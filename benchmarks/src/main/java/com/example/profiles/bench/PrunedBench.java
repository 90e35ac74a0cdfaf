package com.example.profiles.bench;

import com.example.profiles.demo.DemoVectors;
import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ClusterIndex;
import com.example.profiles.kernel.ClusterLayout;
import com.example.profiles.kernel.ClusterModel;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Int8Search;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.ScanStrategy;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;
import com.example.profiles.kernel.PrunedSearch;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * Exact top-k with cluster pruning ({@link PrunedSearch}, planner on) against today's full scan of the same
 * rows ({@link ExactSearch} / {@link Int8Search}), both on {@code threads} threads (1: one core).
 *
 * <p>Data ({@code data}):
 * <ul>
 *   <li>{@code mixture}: {@code blobs} Gaussian blobs, centres N(0, I), each coordinate of a row its blob's centre
 *       plus N(0, spread^2) (spread 0.1: a blob's rows lie ~0.8 from its centre, centres ~8 from the origin and
 *       ~11 from each other). Queries: a random blob's centre plus the same noise (a user near some items).</li>
 *   <li>{@code gaussian}: every coordinate N(0, 1), queries too (no cluster structure).</li>
 *   <li>{@code demo}: the demo catalog's own embeddings (goodbooks-10k through DemoEmbeddings). Beyond 10,000 rows,
 *       further copies of the 10,000, each under its own random signed permutation of the coordinates (so copies
 *       are mutually unrelated like independent catalogs with the same structure). Queries: the demo users'
 *       vectors and books' vectors, each in a random copy.</li>
 * </ul>
 * Setup prints the build time of each part (fit, layout, bounds; the int8 catalog for comparison), the memory
 * the clusters add, and per query the scan kind and the fraction of rows scanned; it checks every pruned answer
 * against the full scan. Heap: about 4 GB at 10M x 64 (floats 2.56 GB, int8 codes and bounds 0.9 GB, ranks,
 * norms and the fit's arrays 0.2 GB); the fork asks for 6 GB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx6g"})
public class PrunedBench {

    static final int QUERIES = 32;
    static final long SEED = 20_240_601L;

    @Param({"1000000", "10000000"})
    public int rows;

    @Param({"64"})
    public int dim;

    @Param({"mixture", "gaussian", "demo"})
    public String data;

    @Param({"int8", "float32"})
    public String precision;

    @Param({"DOT"})
    public String metric;

    @Param({"10"})
    public int k;

    /** Blobs of the mixture. */
    @Param({"1000"})
    public int blobs;

    /** Per-coordinate standard deviation of a mixture row around its blob's centre. */
    @Param({"0.1"})
    public double spread;

    /** Threads of each search (the pruned walk itself is single-threaded; a declined query uses them all). */
    @Param({"1"})
    public int threads;

    /** Threads of the catalog build (fit and bounds). */
    @Param({"1"})
    public int buildThreads;

    private ExecutorService pool;
    private ClusterIndex index;
    private QuantizedCatalog qc;
    private TopKQuery[] queries;
    private PrunedSearch pruned;
    private ExactSearch exact;
    private Int8Search int8;

    @Setup(Level.Trial)
    public void setUp() {
        ScoringKernel kernel = Kernels.select("vector").kernel();
        pool = Executors.newFixedThreadPool(Math.max(threads, buildThreads));
        float[][] q = new float[QUERIES][];
        float[] d = generate(q);
        int n = d.length / dim;

        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = cpu.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        ClusterModel.Fit fit = ClusterModel.fit(d, n, dim, ClusterModel.suggestedClusters(n), SEED, kernel, buildThreads, pool);
        long t1 = System.nanoTime();
        ClusterLayout layout = ClusterLayout.of(fit.clusterOfRow(), fit.model().clusters());
        ClusterLayout.permuteRows(d, dim, layout.order());
        long t2 = System.nanoTime();
        CatalogMatrix m = new CatalogMatrix(d, n, dim, layout.order());
        long t3 = System.nanoTime();
        index = ClusterIndex.of(m, layout.starts(), buildThreads, pool);
        long t4 = System.nanoTime();
        qc = precision.equals("int8") ? new QuantizedCatalog(m) : null;
        long t5 = System.nanoTime();
        long c5 = cpu.getCurrentThreadCpuTime();
        System.out.printf("%n[pruned] %s rows=%d dim=%d data=%s%s: %d clusters; build ms: fit %.0f (%d threads), layout %.0f,"
                        + " matrix norms %.0f, bounds %.0f; int8 catalog %.0f (for comparison); all of it %.0f ms of this"
                        + " thread's CPU; clusters add %.1f MB + 4 B/row tie ranks%n",
                kernel.name(), n, dim, data, data.equals("mixture") ? " blobs=" + blobs + " spread=" + spread : "",
                index.clusters(), ms(t1 - t0), buildThreads, ms(t2 - t1), ms(t3 - t2), ms(t4 - t3), ms(t5 - t4),
                ms(c5 - c0), index.bytes() / 1e6);

        Metric met = Metric.valueOf(metric);
        queries = new TopKQuery[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            queries[i] = new TopKQuery(q[i], met, k, null);
        }
        pruned = new PrunedSearch(kernel, threads, pool);
        exact = new ExactSearch(kernel, threads, pool);
        int8 = new Int8Search(kernel, threads, pool);
        double sum = 0;
        double min = 1;
        double max = 0;
        int prunedCount = 0;
        for (TopKQuery query : queries) {
            TopKOutcome p = pruned.search(index, qc, query);
            SearchResult f = full(query);
            if (!p.result().equals(f)) {
                throw new IllegalStateException("pruned answer differs from the full scan: " + p.result() + " vs " + f);
            }
            double fraction = (double) p.scanned() / n;
            sum += fraction;
            min = Math.min(min, fraction);
            max = Math.max(max, fraction);
            prunedCount += p.scan() == ScanStrategy.PRUNED ? 1 : 0;
        }
        System.out.printf("[pruned] %s: %d/%d queries pruned; rows scanned min/mean/max = %.4f/%.4f/%.4f of %d%n",
                precision, prunedCount, QUERIES, min, sum / QUERIES, max, n);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.shutdownNow();
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int pruned() {
        int s = 0;
        for (TopKQuery q : queries) {
            s += pruned.search(index, qc, q).result().rows()[0];
        }
        return s;
    }

    /** Today's full scan of the same rows (int8 two-phase or float32 brute force). */
    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int full() {
        int s = 0;
        for (TopKQuery q : queries) {
            s += full(q).rows()[0];
        }
        return s;
    }

    private SearchResult full(TopKQuery q) {
        return qc != null ? int8.topK(qc, q.query(), q.metric(), q.k(), null).result()
                : exact.topK(index.matrix(), q.query(), q.metric(), q.k(), null);
    }

    /** The rows in item-id order (row-major), and the queries into {@code q}. */
    private float[] generate(float[][] q) {
        switch (data) {
            case "gaussian": {
                for (int i = 0; i < q.length; i++) {
                    q[i] = BenchData.gaussian(100 + i, dim);
                }
                return BenchData.gaussian(1, (long) rows * dim);
            }
            case "mixture": {
                float[] centres = BenchData.gaussian(2, (long) blobs * dim);
                SplittableRandom rnd = new SplittableRandom(SEED);
                for (int i = 0; i < q.length; i++) {
                    q[i] = new float[dim];
                    int b = rnd.nextInt(blobs);
                    for (int j = 0; j < dim; j++) {
                        q[i][j] = (float) (centres[b * dim + j] + spread * gauss(rnd));
                    }
                }
                return mixture(centres);
            }
            case "demo": {
                if (dim != DemoVectors.dimension()) {
                    throw new IllegalArgumentException("demo embeddings have dim " + DemoVectors.dimension());
                }
                float[] books = DemoVectors.books();
                float[][] users = DemoVectors.users();
                int base = books.length / dim;
                float[] d = new float[Math.multiplyExact(rows, dim)];
                IntStream.range(0, (rows + base - 1) / base).parallel().forEach(copy -> {
                    int[] perm = signedPermutation(copy);
                    for (int r = copy * base; r < Math.min(rows, (copy + 1) * base); r++) {
                        permute(books, (r - copy * base) * dim, perm, d, r * dim);
                    }
                });
                SplittableRandom rnd = new SplittableRandom(SEED);
                int copies = (rows + base - 1) / base;
                for (int i = 0; i < q.length; i++) {
                    q[i] = new float[dim];
                    int[] perm = signedPermutation(rnd.nextInt(copies));
                    if (i % 2 == 0) {
                        permute(users[(i / 2) % users.length], 0, perm, q[i], 0);
                    } else {
                        permute(books, rnd.nextInt(base) * dim, perm, q[i], 0);
                    }
                }
                return d;
            }
            default:
                throw new IllegalArgumentException("data must be mixture, gaussian or demo: " + data);
        }
    }

    private float[] mixture(float[] centres) {
        float[] d = new float[Math.multiplyExact(rows, dim)];
        int chunks = 64;
        IntStream.range(0, chunks).parallel().forEach(c -> {
            SplittableRandom rnd = new SplittableRandom(SEED * 31 + c);
            for (int r = (int) ((long) rows * c / chunks); r < (int) ((long) rows * (c + 1) / chunks); r++) {
                int b = rnd.nextInt(blobs);
                for (int j = 0; j < dim; j++) {
                    d[r * dim + j] = (float) (centres[b * dim + j] + spread * gauss(rnd));
                }
            }
        });
        return d;
    }

    /** Copy 0 is the identity; other copies permute and flip the coordinates at random. */
    private int[] signedPermutation(int copy) {
        int[] p = new int[dim];
        for (int j = 0; j < dim; j++) {
            p[j] = j + 1;
        }
        if (copy == 0) {
            return p;
        }
        SplittableRandom rnd = new SplittableRandom(SEED + copy);
        for (int j = dim - 1; j > 0; j--) {
            int o = rnd.nextInt(j + 1);
            int t = p[j];
            p[j] = p[o];
            p[o] = t;
        }
        for (int j = 0; j < dim; j++) {
            if (rnd.nextBoolean()) {
                p[j] = -p[j];
            }
        }
        return p;
    }

    /** {@code to[j] = +-from[|p_j| - 1]}: coordinate j of the copy. */
    private void permute(float[] from, int fo, int[] p, float[] to, int too) {
        for (int j = 0; j < dim; j++) {
            float x = from[fo + Math.abs(p[j]) - 1];
            to[too + j] = p[j] < 0 ? -x : x;
        }
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
