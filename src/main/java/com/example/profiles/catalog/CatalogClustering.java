package com.example.profiles.catalog;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.ClusterIndex;
import com.example.profiles.kernel.ClusterLayout;
import com.example.profiles.kernel.ClusterModel;
import com.example.profiles.kernel.KernelChoice;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.PrunedSearch;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.ScanStrategy;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

/**
 * Groups one model's rows into clusters while a snapshot is built ({@link PruningConfig}), off the request path,
 * and lays the matrix out cluster by cluster. The first load fits the centroids; a later build (an incremental
 * refresh, or the periodic full load) keeps the centroids of the snapshot it replaces: unchanged rows stay in
 * their cluster, new or changed ones go to their nearest centroid, so a serving pod does not refit every day. The
 * bounds are always computed from the rows a cluster holds, so any assignment is exact; a better one only prunes
 * more. The centroids are fitted afresh once the rows assigned since the fit pass a quarter of the rows fitted
 * on, or the catalog has grown past twice those.
 *
 * <p>In {@code auto}, a fresh fit is tried with {@value #SAMPLE_QUERIES} of the model's own rows as queries; when
 * fewer than a quarter of them would be pruned (data without cluster structure: nearly every query would pay a
 * declined probe for nothing), the rows go back to item-id order and the model is served by the full scans, and
 * it is fitted again only once it has twice the rows.
 */
@ApplicationScoped
public class CatalogClustering {

    private static final Logger LOG = Logger.getLogger(CatalogClustering.class);

    private final PruningConfig.Mode mode;
    private final int minRows;
    private final Integer clusters;
    private final long seed;
    private final ScoringKernel kernel;
    private final int parallelism;
    private final ExecutorService pool;
    /** Models whose last fit would not prune, with their rows then. */
    private final Map<String, Integer> unprunable = new ConcurrentHashMap<>();

    /** Rows of a fresh fit tried as queries, in {@code auto}. */
    static final int SAMPLE_QUERIES = 16;

    @Inject
    public CatalogClustering(PruningConfig config, KernelChoice choice) {
        this(config.mode(), config.minRows(), config.clusters().orElse(null), config.seed(), choice.kernel(),
                Runtime.getRuntime().availableProcessors());
    }

    /** @param clusters clusters per model; null: about the square root of its rows */
    public CatalogClustering(PruningConfig.Mode mode, int minRows, Integer clusters, long seed, ScoringKernel kernel,
                             int parallelism) {
        this.mode = mode;
        this.minRows = minRows;
        this.clusters = clusters;
        this.seed = seed;
        this.kernel = kernel;
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger counter = new AtomicInteger();
        this.pool = this.parallelism == 1 ? null : Executors.newFixedThreadPool(this.parallelism, runnable -> {
            Thread thread = new Thread(runnable, "cluster-fit-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops start-up with one line when a setting cannot work. */
    public void validate() {
        if (minRows < 1) {
            throw new IllegalStateException("recommend.pruning.min-rows must be at least 1, not " + minRows);
        }
        if (clusters != null && clusters < 1) {
            throw new IllegalStateException("recommend.pruning.clusters must be at least 1, not " + clusters);
        }
    }

    public PruningConfig.Mode mode() {
        return mode;
    }

    /** Whether a model with {@code items} vectors gets clusters. */
    boolean wanted(String model, int items) {
        Integer notPruning = unprunable.get(model);
        return items > 0 && switch (mode) {
            case OFF -> false;
            case ON -> true;
            case AUTO -> items >= minRows && (notPruning == null || items >= 2L * notPruning);
        };
    }

    /** A laid-out matrix and its clusters. */
    record Laid(CatalogMatrix matrix, Clusters clusters) {
    }

    /**
     * Clusters one model's rows and lays {@code data} out cluster by cluster, in place.
     *
     * @param data        {@code ids.length x dim}, row for row with {@code ids} (sorted); rows outside
     *                    {@code present} are zero and go to a cluster of their own
     * @param present     the rows with a vector in this model; null: all
     * @param previous    the same model in the snapshot this build replaces, or null (the first load)
     * @param previousIds that snapshot's item ids, sorted
     */
    Laid lay(String model, float[] data, int dim, String[] ids, RowMask present, Embeddings previous,
             String[] previousIds) {
        long started = System.nanoTime();
        int n = ids.length;
        int items = present == null ? n : present.count();
        int wanted = clusters != null ? clusters : ClusterModel.suggestedClusters(items);
        Clusters before = previous == null ? null : previous.clusters();
        boolean reuse = before != null && previous.dimension() == dim && items <= 2L * before.fittedRows();
        ClusterModel fitted = null;
        int[] clusterOfRow = null;
        int fittedRows = items;
        int assigned = 0;
        if (reuse) {
            clusterOfRow = new int[n];
            int limit = before.fittedRows() / 4 - before.assigned();
            assigned = before.assigned()
                    + carryOver(before.model(), data, dim, ids, present, previous, previousIds, clusterOfRow, limit);
            reuse = assigned <= before.fittedRows() / 4;
            fitted = before.model();
            fittedRows = before.fittedRows();
        }
        if (!reuse) {
            assigned = 0;
            ClusterModel.Fit fit = fit(data, dim, n, present, items, wanted);
            fitted = fit.model();
            fittedRows = items;
            clusterOfRow = fit.clusterOfRow();
        }
        int absent = items < n ? fitted.clusters() : -1;
        ClusterLayout layout = ClusterLayout.of(clusterOfRow, fitted.clusters() + (absent < 0 ? 0 : 1));
        ClusterLayout.permuteRows(data, dim, layout.order());
        CatalogMatrix matrix = new CatalogMatrix(data, n, dim, layout.order());
        ClusterIndex index = ClusterIndex.of(matrix, layout.starts(), parallelism, pool);
        if (mode == PruningConfig.Mode.AUTO && !reuse) {
            int[] tried = prunedSamples(index, n);
            if (4 * tried[0] < tried[1]) {
                ClusterLayout.permuteRows(data, dim, layout.inverse()); // back to item-id order
                unprunable.put(model, items);
                LOG.infof("model %s: %d clusters over %d rows would prune %d of %d of its rows as queries, so its"
                        + " searches scan in full; fitted in %d ms", model, fitted.clusters(), items, tried[0],
                        tried[1], (System.nanoTime() - started) / 1_000_000);
                return new Laid(new CatalogMatrix(data, n, dim), null);
            }
            unprunable.remove(model);
        }
        // a fit is worth a line (it is most of what clustering adds to a load); a refresh on kept centroids is not
        LOG.logf(reuse ? Logger.Level.DEBUG : Logger.Level.INFO, "model %s: %d clusters over %d rows in %d ms (%s)",
                model, fitted.clusters(), items, (System.nanoTime() - started) / 1_000_000,
                reuse ? "previous centroids, " + assigned + " rows assigned since the fit" : "fitted");
        return new Laid(matrix, new Clusters(index, fitted, layout.inverse(), fittedRows, assigned, absent));
    }

    /**
     * How many of the sample queries (rows of the model spread over the layout, zero rows skipped) a top-10
     * search by dot product prunes, and how many were tried.
     */
    private int[] prunedSamples(ClusterIndex index, int rows) {
        PrunedSearch search = new PrunedSearch(kernel, parallelism, pool);
        CatalogMatrix matrix = index.matrix();
        int pruned = 0;
        int tried = 0;
        for (int i = 0; i < SAMPLE_QUERIES; i++) {
            int row = (int) ((2L * i + 1) * rows / (2L * SAMPLE_QUERIES));
            if (matrix.norm(row) == 0) {
                continue;
            }
            TopKOutcome outcome = search.search(index, new TopKQuery(matrix.row(row), Metric.DOT, 10, null));
            pruned += outcome.scan() == ScanStrategy.PRUNED ? 1 : 0;
            tried++;
        }
        return new int[] {pruned, tried};
    }

    /** The fit over the present rows; absent rows get cluster {@code model.clusters()}. */
    private ClusterModel.Fit fit(float[] data, int dim, int n, RowMask present, int items, int wanted) {
        if (present == null) {
            return ClusterModel.fit(data, n, dim, wanted, seed, kernel, parallelism, pool);
        }
        int[] rows = present.toArray();
        float[] compact = new float[Math.multiplyExact(items, dim)];
        for (int i = 0; i < items; i++) {
            System.arraycopy(data, rows[i] * dim, compact, i * dim, dim);
        }
        ClusterModel.Fit fit = ClusterModel.fit(compact, items, dim, wanted, seed, kernel, parallelism, pool);
        int[] clusterOfRow = new int[n];
        Arrays.fill(clusterOfRow, fit.model().clusters());
        for (int i = 0; i < items; i++) {
            clusterOfRow[rows[i]] = fit.clusterOfRow()[i];
        }
        return new ClusterModel.Fit(fit.model(), clusterOfRow);
    }

    /**
     * Each row's cluster from the previous snapshot (a walk of both sorted id lists): its cluster there when the
     * item had the same vector, else its nearest centroid. Returns how many rows were assigned anew; past
     * {@code limit} it stops (the caller refits).
     */
    private int carryOver(ClusterModel model, float[] data, int dim, String[] ids, RowMask present,
                          Embeddings previous, String[] previousIds, int[] clusterOfRow, int limit) {
        Clusters before = previous.clusters();
        float[] old = previous.matrix().data();
        int assigned = 0;
        int p = 0;
        for (int r = 0; r < ids.length; r++) {
            if (present != null && !present.contains(r)) {
                clusterOfRow[r] = model.clusters();
                continue;
            }
            while (p < previousIds.length && previousIds[p].compareTo(ids[r]) < 0) {
                p++;
            }
            if (p < previousIds.length && previousIds[p].equals(ids[r]) && previous.has(p)) {
                int from = before.layoutRow(p) * dim;
                if (Arrays.equals(old, from, from + dim, data, r * dim, r * dim + dim)) {
                    clusterOfRow[r] = before.clusterOf(p);
                    continue;
                }
            }
            if (++assigned > limit) {
                return assigned;
            }
            clusterOfRow[r] = model.nearest(kernel, data, r * dim);
        }
        return assigned;
    }

    @PreDestroy
    public void stop() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
