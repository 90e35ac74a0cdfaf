package com.example.profiles.ranking;

import java.util.List;
import java.util.SplittableRandom;
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

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Int8Search;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKQuery;

/**
 * A recommendation's ranking under the shop's constraints, 1M x 64, k = 10, one thread, exactly as the service
 * runs it (filter mask inside the scan, the service's walk rounds for max_per): unfiltered, filters letting
 * 50%, 5% and 0.1% of the items through, {@code max_per=authors:1}, and similar items (a catalog row as the
 * query, itself excluded). Books cluster by author (each vector is its author's centroid plus noise, ~10 books
 * per author) and each query leans toward one author, so the unconstrained top 10 is mostly one author's books
 * and max_per has real work, as in the demo catalog.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms4g", "-Xmx4g"})
public class RecommendBench {

    private static final int QUERIES = 8;
    private static final int K = 10;

    @Param({"1000000"})
    public int rows;

    @Param({"64"})
    public int dim;

    @Param({"float32", "int8"})
    public String precision;

    @Param({"unfiltered", "filter-50%", "filter-5%", "filter-0.1%", "max_per-authors-1", "similar"})
    public String request;

    private CatalogMatrix m;
    private QuantizedCatalog qc;
    private ExactSearch exact;
    private Int8Search int8;
    private Grouping authors;
    private RowMask mask;
    private float[][] queries;
    private int[] selfRows;

    @Setup(Level.Trial)
    public void setUp() {
        ScoringKernel kernel = Kernels.select("vector").kernel();
        SplittableRandom rnd = new SplittableRandom(7);
        int authorCount = rows / 10;
        float[][] centroids = new float[authorCount][dim];
        for (float[] c : centroids) {
            for (int i = 0; i < dim; i++) {
                c[i] = (float) gauss(rnd);
            }
        }
        float[] data = new float[rows * dim];
        int[] groups = new int[rows];
        for (int r = 0; r < rows; r++) {
            int a = rnd.nextInt(authorCount);
            groups[r] = a;
            for (int i = 0; i < dim; i++) {
                data[r * dim + i] = centroids[a][i] + (float) (0.5 * gauss(rnd));
            }
        }
        m = new CatalogMatrix(data, rows, dim);
        qc = precision.equals("int8") ? new QuantizedCatalog(m) : null;
        exact = new ExactSearch(kernel, 1, null);
        int8 = new Int8Search(kernel, 1, null);
        authors = new Grouping("authors", groups, 1);
        double density = switch (request) {
            case "filter-50%" -> 0.5;
            case "filter-5%" -> 0.05;
            case "filter-0.1%" -> 0.001;
            default -> 1;
        };
        if (density < 1) {
            long[] words = new long[(rows + 63) >>> 6];
            int count = 0;
            for (int r = 0; r < rows; r++) {
                if (rnd.nextDouble() < density) {
                    words[r >>> 6] |= 1L << r;
                    count++;
                }
            }
            mask = new RowMask(words, count);
        }
        queries = new float[QUERIES][];
        selfRows = new int[QUERIES];
        for (int q = 0; q < QUERIES; q++) {
            selfRows[q] = rnd.nextInt(rows);
            if (request.equals("similar")) {
                queries[q] = m.row(selfRows[q]);
            } else {
                float[] lean = centroids[rnd.nextInt(authorCount)];
                queries[q] = new float[dim];
                for (int i = 0; i < dim; i++) {
                    queries[q][i] = lean[i] + (float) (0.3 * gauss(rnd));
                }
            }
        }
        rounds = 0;
        SearchResult first = run(0);
        System.out.printf("%n[recommend] %s %s: %d results in %d rounds, first row %d%s%n", precision, request,
                first.size(), rounds, first.size() == 0 ? -1 : first.rows()[0],
                mask == null ? "" : ", " + mask.count() + " rows pass");
    }

    private int rounds;

    private SearchResult run(int q) {
        float[] query = queries[q];
        boolean similar = request.equals("similar");
        int self = selfRows[q];
        Grouping grouping = request.startsWith("max_per") ? authors : null;
        // the rounds of the service's walk (recommend/Ranker), run synchronously
        DiversityWalk walk = new DiversityWalk(K, grouping);
        RowMask current = mask;
        while (rows > 0 && (current == null || current.count() > 0)) {
            int t = walk.nextBatchSize(1000);
            rounds++;
            TopKQuery tq = new TopKQuery(query, Metric.DOT, t, similar ? r -> r == self : null, current);
            SearchResult batch = qc != null ? int8.topKBatch(qc, List.of(tq)).get(0).result() : exact.search(m, tq).result();
            walk.accept(batch);
            if (walk.done() || batch.size() < t) {
                break;
            }
            current = walk.remaining(current, batch, rows);
        }
        return walk.page(0);
    }

    @Benchmark
    @OperationsPerInvocation(QUERIES)
    public int rank() {
        int s = 0;
        for (int q = 0; q < QUERIES; q++) {
            SearchResult r = run(q);
            s += r.size() == 0 ? 0 : r.rows()[0];
        }
        return s;
    }

    private static double gauss(SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
