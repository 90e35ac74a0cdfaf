package com.example.profiles.kernel;

import java.util.concurrent.ExecutorService;

/**
 * Per-cluster score bounds of a catalog laid out cluster by cluster ({@link ClusterLayout}): for every query,
 * a float {@code F_c} per cluster that no member's <b>computed</b> score (the float32 value {@link ExactSearch}
 * returns) exceeds. Derivation: docs/cluster-bound.md.
 *
 * <p>Built from the rows actually stored, so a bound never depends on how the clusters were chosen (k-means,
 * an incremental assignment, a stale model): the centroids are the members' means and the radii their largest
 * distances, computed in double and rounded up.
 * <pre>
 *   DOT:    F_c = up( fl(q . c) + U K_c + UF ),            U = n_q (1 + 2 eps) &gt;= ||q||
 *           K_c = r_c + gamma_n (||c|| + N_c)               r_c &gt;= max ||x - c||, N_c &gt;= max ||x||
 *   COSINE: F_c = up( x + eps |x| + K^_c + UF / n_q + UF / (n_q m_c) ),   x = fl(q . c^) / n_q
 *           K^_c = r^_c + gamma_n ||c^|| + gamma_n + 2.1 eps (1 + gamma_n)   r^_c &gt;= max ||x/||x|| - c^||
 *           and F_c &gt;= 0 when the cluster holds a zero row (cosine 0)
 *   eps = 2^-24 + n 2^-53 (float norm error), UF = (2n + 4) 2^-149 (underflow of one float dot), m_c = the
 *   smallest non-zero row norm; every double evaluation carries a 2^-50 relative slack; up() rounds up to float.
 * </pre>
 * A cluster with {@code F_c < T}, where k allowed rows score at least {@code T}, holds no top-k row whatever
 * the tie rule. Queries whose scores could overflow, zero queries and non-finite norms are not bounded
 * ({@link #unboundable}).
 */
public final class ClusterIndex {

    /** Relative slack covering the few double roundings of one bound. */
    static final double SLACK = 0x1p-50;
    /** Scores stay finite (no overflow in any summation order) when the query norm times the row norms is below this. */
    static final double OVERFLOW_FREE = 0x1p126;

    private final CatalogMatrix matrix;
    private final int[] starts;
    private final int clusters;
    private final int dim;
    private final boolean allowance;
    private final float[] centroids;
    private final float[] unitCentroids;
    private final double[] dotTerm;
    private final double[] cosTerm;
    private final float[] minNorm;
    private final boolean[] hasZero;
    private final double maxNorm;
    private final double eps;
    private final double underflow;

    private ClusterIndex(CatalogMatrix matrix, int[] starts, boolean allowance, int parallelism, ExecutorService pool) {
        this.matrix = matrix;
        this.starts = starts;
        this.clusters = starts.length - 1;
        this.dim = matrix.dim();
        this.allowance = allowance;
        this.centroids = new float[clusters * dim];
        this.unitCentroids = new float[clusters * dim];
        this.dotTerm = new double[clusters];
        this.cosTerm = new double[clusters];
        this.minNorm = new float[clusters];
        this.hasZero = new boolean[clusters];
        this.eps = 0x1p-24 + dim * 0x1p-53;
        this.underflow = allowance ? (2.0 * dim + 4) * 0x1p-149 : 0;
        float[] maxNorms = new float[clusters];
        new RowChunks(parallelism, pool, 16).run(clusters, 1, (from, to) -> {
            double[] sum = new double[dim];
            double[] unitSum = new double[dim];
            double[] unit = new double[dim];
            for (int c = from; c < to; c++) {
                describe(c, sum, unitSum, unit, maxNorms);
            }
            return null;
        });
        double max = 0;
        for (float n : maxNorms) {
            max = n == n ? Math.max(max, n) : Double.NaN; // a NaN row makes every query unboundable
        }
        this.maxNorm = max * (1 + 2 * eps);
    }

    /**
     * @param matrix the laid-out rows (usually with tie ranks, {@link ClusterLayout})
     * @param starts cluster c is rows {@code [starts[c], starts[c + 1])}; non-decreasing from 0 to
     *               {@code matrix.rows()}, at least one cluster
     * @throws IllegalArgumentException if {@code starts} does not describe the matrix's rows
     */
    public static ClusterIndex of(CatalogMatrix matrix, int[] starts) {
        return of(matrix, starts, 1, null);
    }

    /** Same, the clusters' statistics computed by up to {@code parallelism} tasks ({@code pool} may be null). */
    public static ClusterIndex of(CatalogMatrix matrix, int[] starts, int parallelism, ExecutorService pool) {
        return new ClusterIndex(matrix, validStarts(matrix, starts), true, parallelism, pool);
    }

    /** Test hook: without any rounding allowance (radii and bounds as computed, nothing added). */
    static ClusterIndex withoutAllowance(CatalogMatrix matrix, int[] starts) {
        return new ClusterIndex(matrix, validStarts(matrix, starts), false, 1, null);
    }

    private static int[] validStarts(CatalogMatrix matrix, int[] starts) {
        if (matrix == null || starts == null || starts.length < 2 || starts[0] != 0
                || starts[starts.length - 1] != matrix.rows()) {
            throw new IllegalArgumentException("starts must run from 0 to the matrix's rows over at least one cluster");
        }
        for (int c = 0; c + 1 < starts.length; c++) {
            if (starts[c + 1] < starts[c]) {
                throw new IllegalArgumentException("starts must not decrease: cluster " + c);
            }
        }
        return starts;
    }

    /** Means, radii and norm extremes of cluster c, then its per-cluster bound terms. */
    private void describe(int c, double[] sum, double[] unitSum, double[] unit, float[] maxNorms) {
        int s = starts[c];
        int e = starts[c + 1];
        float[] x = matrix.data();
        java.util.Arrays.fill(sum, 0);
        java.util.Arrays.fill(unitSum, 0);
        int nonZero = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = 0f;
        for (int r = s; r < e; r++) {
            float n = matrix.norm(r);
            max = n == n ? Math.max(max, n) : Float.NaN;
            for (int i = 0; i < dim; i++) {
                sum[i] += x[r * dim + i];
            }
            if (n == 0f) {
                hasZero[c] = true;
                continue;
            }
            nonZero++;
            min = Math.min(min, n);
            for (int i = 0; i < dim; i++) {
                unitSum[i] += (double) x[r * dim + i] / n;
            }
        }
        maxNorms[c] = max;
        minNorm[c] = min;
        if (e == s) {
            return;
        }
        int o = c * dim;
        for (int i = 0; i < dim; i++) {
            centroids[o + i] = (float) (sum[i] / (e - s));
            unitCentroids[o + i] = nonZero == 0 ? 0f : (float) (unitSum[i] / nonZero);
        }
        double radius = 0;
        double unitRadius = 0;
        for (int r = s; r < e; r++) {
            radius = Math.max(radius, distance(x, r * dim, centroids, o));
            float n = matrix.norm(r);
            if (n != 0f) {
                for (int i = 0; i < dim; i++) {
                    unit[i] = (double) x[r * dim + i] / n;
                }
                unitRadius = Math.max(unitRadius, unitDistance(unit, unitCentroids, o));
            }
        }
        if (!allowance) {
            dotTerm[c] = radius;
            cosTerm[c] = unitRadius;
            return;
        }
        double sumUp = 1 + (dim + 8) * 0x1p-52;
        double gamma = Rounding.gamma(dim);
        double cNorm = Math.sqrt(squares(centroids, o)) * sumUp;
        double unitCNorm = Math.sqrt(squares(unitCentroids, o)) * sumUp;
        double rowsNorm = max * (1 + 2 * eps);
        dotTerm[c] = (radius * sumUp + gamma * (cNorm + rowsNorm)) * (1 + SLACK);
        // r^: the computed distance, the rounding of x / n_r in double (2^-53 of a norm <= 1 + 2 eps), and the
        // gap between x / n_r and the real unit row x / ||x|| (|delta_r| / (1 + delta_r) <= eps / (1 - eps))
        double unitR = unitRadius * sumUp + 0x1p-52 + eps / (1 - eps);
        cosTerm[c] = (unitR + gamma * unitCNorm + gamma + 2.1 * eps * (1 + gamma)) * (1 + SLACK);
    }

    /** {@code ||x_r - c||} in double, four partial sums (any order is within the same bound). */
    private double distance(float[] x, int xo, float[] c, int co) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            double d0 = (double) x[xo + i] - c[co + i];
            double d1 = (double) x[xo + i + 1] - c[co + i + 1];
            double d2 = (double) x[xo + i + 2] - c[co + i + 2];
            double d3 = (double) x[xo + i + 3] - c[co + i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < dim; i++) {
            double d = (double) x[xo + i] - c[co + i];
            s0 += d * d;
        }
        return Math.sqrt((s0 + s1) + (s2 + s3));
    }

    private double unitDistance(double[] y, float[] c, int co) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            double d = y[i] - c[co + i];
            s += d * d;
        }
        return Math.sqrt(s);
    }

    private double squares(float[] a, int o) {
        double s = 0;
        for (int i = 0; i < dim; i++) {
            s += (double) a[o + i] * a[o + i];
        }
        return s;
    }

    public CatalogMatrix matrix() {
        return matrix;
    }

    public int clusters() {
        return clusters;
    }

    /** First row of cluster c. */
    public int start(int c) {
        return starts[c];
    }

    /** One past the last row of cluster c. */
    public int end(int c) {
        return starts[c + 1];
    }

    /** The cluster holding row r: the last one starting at or before r, which is never empty. */
    public int clusterOf(int row) {
        if (row < 0 || row >= matrix.rows()) {
            throw new IllegalArgumentException("row " + row + " outside 0.." + (matrix.rows() - 1));
        }
        int lo = 0;
        int hi = clusters - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Heap held per snapshot beyond the matrix: two centroids per cluster and a few numbers. */
    public long bytes() {
        return 8L * clusters * dim + 21L * clusters + 4L * (clusters + 1);
    }

    /**
     * Why this query's scores cannot be bounded (then the caller scans everything), or null. A zero query
     * scores every row 0; past {@link #OVERFLOW_FREE} a float32 score could overflow and compare as NaN.
     */
    String unboundable(float qNorm) {
        if (!Float.isFinite(qNorm)) {
            return "query norm not finite";
        }
        if (qNorm == 0f) {
            return "zero query (every score is 0)";
        }
        if (!(qNorm * (1 + 2 * eps) * Math.max(maxNorm, 2) < OVERFLOW_FREE)) {
            return "scores could overflow float32";
        }
        return null;
    }

    /**
     * Writes {@code F_c} of every cluster into {@code out} (at least {@link #clusters()} long): no member's
     * computed score exceeds it; {@code -infinity} for an empty cluster. The query must be boundable
     * ({@link #unboundable} is null). One kernel call scores the query against all centroids.
     */
    void bounds(ScoringKernel kernel, float[] query, float qNorm, Metric metric, float[] out) {
        boolean cosine = metric == Metric.COSINE;
        kernel.dotRows(cosine ? unitCentroids : centroids, dim, query, 0, clusters, out, 0);
        double u = allowance ? qNorm * (1 + 2 * eps) : qNorm;
        for (int c = 0; c < clusters; c++) {
            if (starts[c + 1] == starts[c]) {
                out[c] = Float.NEGATIVE_INFINITY;
                continue;
            }
            double dc = out[c];
            double b;
            if (!cosine) {
                double t = u * dotTerm[c];
                b = dc + t + underflow;
                if (allowance) {
                    b += (Math.abs(dc) + t + underflow) * SLACK;
                }
            } else if (minNorm[c] == Float.POSITIVE_INFINITY) {
                b = 0; // zero rows only: every cosine is 0
            } else {
                double x = dc / qNorm;
                double terms = cosTerm[c] + underflow * 1.01 / qNorm + underflow / ((double) qNorm * minNorm[c]);
                b = allowance ? x + Math.abs(x) * 1.01 * eps + terms : x + cosTerm[c];
                if (allowance) {
                    b += (Math.abs(x) + terms) * SLACK;
                }
                if (hasZero[c]) {
                    b = Math.max(b, 0);
                }
            }
            out[c] = allowance ? up(b) : (float) b;
        }
    }

    /** The smallest float at or above x; +infinity for NaN (a bound that cannot be computed prunes nothing). */
    static float up(double x) {
        if (!(x == x)) {
            return Float.POSITIVE_INFINITY;
        }
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }
}
