package com.example.profiles.kernel;

/**
 * int8 copy of a {@link CatalogMatrix} for the two-phase exact search ({@link Int8Search}).
 *
 * <p><b>Encoding.</b> Every row {@code x_r} is first unit-normalised, {@code v_r = fl(x_r / n_r)} with
 * {@code n_r = matrix.norm(r)}, then quantised with one symmetric scale per row:
 * {@code s_r = fl(max_i |v_ri| / 127)}, {@code c_ri = round(v_ri / s_r)} in [-127, 127]. The residual
 * {@code e_ri = v_ri - s_r c_ri} is computed exactly (in double) and only its L2 norm is kept. One code set
 * serves both metrics: COSINE scores against {@code s_r c_r}, DOT against {@code n_r s_r c_r}.
 *
 * <p><b>Layout.</b> Rows are grouped in blocks of {@link #BLOCK} = 8 rows; {@code dim} is padded with zero
 * codes to {@link #paddedDim} (a multiple of 4). Inside a block, dimensions go in pairs and each pair
 * stores the 8 rows' two codes side by side: {@code codes[b * 8 * dp + (i / 2) * 16 + 2 * lane + (i & 1)]}.
 * One 16-byte load widened to 16 shorts and multiplied by the query pair pattern {@code (cq_i, cq_i+1)} x 8
 * gives, per row, two adjacent products; adding two such loads and summing adjacent shorts into int lanes is
 * the Vector API equivalent of {@code pmaddwd}, so the scan reads the codes strictly sequentially and needs
 * no horizontal reductions. The last block is padded with zero rows.
 *
 * <p><b>Block maxima.</b> Per block of 8 rows the largest scale, {@code W_r} and {@code M_r} are kept too, so
 * the filter can discard a whole block from its 8 integer dot products without reading any per-row float:
 * every term of the per-row upper bound is monotone in those three (see {@link ScoringKernel#int8BlockTest}).
 *
 * <p><b>Per-item bound</b> (derivation in docs/int8-bound.md). With {@code a_r} the float32 approximate score
 * produced by the scan and {@code f_r} the exact float32 score of {@link ExactSearch}:
 * <pre>
 *   |f_r - a_r| &lt;= Q2 * W_r + D2 * M_r + H
 *   COSINE: W_r = E2_r + G * N_r,          M_r = N_r,       Q2 &gt;= ||q^||_2, H = gamma_{n+16} + (2n+24) 2^-149
 *   DOT:    W_r = n_r (E2_r + G * N_r),    M_r = n_r N_r,   Q2 &gt;= ||q||_2,  H = (2n+24) 2^-149
 *   E2_r = ||e_r||_2 (rounded up), N_r = ||v_r||_2 + E2_r (&gt;= s_r ||c_r||_2), G = 2 gamma_{n+4}
 *   D2 &gt;= ||q' - s_q cq||_2 (1 + 2^-20): the query's own int8 quantisation residual (per query, {@link QueryCodes})
 * </pre>
 * {@code E2_r * Q2} bounds the quantisation term {@code |sum_i q_i e_ri|} by Cauchy-Schwarz; it is never worse
 * than {@code sqrt(n) * s_r/2 * ||q||_2} and on typical data about 30% tighter than the Hoelder form
 * {@code s_r/2 * ||q||_1}. {@code G * N_r * Q2} covers the float32 rounding of both the approximate scan and
 * the exact kernel (any summation order, with or without FMA), {@code H} the cosine normalisation/division
 * rounding and gradual underflow.
 */
public final class QuantizedCatalog {

    /** Rows per block of the dimension-major code layout (one 256-bit float vector). */
    public static final int BLOCK = ScoringKernel.BLOCK;

    /** Largest dimension for which the exact int32 accumulation of code products cannot overflow. */
    public static final int MAX_DIM = 65_536;

    private final CatalogMatrix matrix;
    private final int rows;
    private final int dim;
    private final int blocks;
    private final byte[] codes;
    private final RowBounds boundsCos;
    private final RowBounds boundsDot;
    private final int paddedDim;
    private final boolean roundingAllowance;
    private final boolean queryTerm;
    private final float minNorm;

    public QuantizedCatalog(CatalogMatrix matrix) {
        this(matrix, 1.0, true, true);
    }

    QuantizedCatalog(CatalogMatrix matrix, double quantFactor, boolean roundingAllowance) {
        this(matrix, quantFactor, roundingAllowance, true);
    }

    /**
     * Test hook: {@code quantFactor} scales the quantisation term and {@code roundingAllowance=false} drops
     * every floating-point term, {@code queryTerm=false} drops the query-quantisation term {@code D2 * M_r},
     * to demonstrate that a too-tight bound returns wrong answers.
     */
    QuantizedCatalog(CatalogMatrix matrix, double quantFactor, boolean roundingAllowance, boolean queryTerm) {
        this.matrix = matrix;
        this.rows = matrix.rows();
        this.dim = matrix.dim();
        this.roundingAllowance = roundingAllowance;
        this.queryTerm = queryTerm;
        if (dim > MAX_DIM) {
            // exact int32 accumulation: |sum| <= dim * 127 * 127 < 2^31 needs dim < 133 143
            throw new IllegalArgumentException("int8 scan supports dim <= " + MAX_DIM + ": " + dim);
        }
        this.paddedDim = paddedDim(dim);
        this.blocks = (rows + BLOCK - 1) / BLOCK;
        long codeCount = (long) blocks * BLOCK * paddedDim;
        if (codeCount > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("catalog too large for one int8 array: " + codeCount);
        }
        this.codes = new byte[(int) codeCount];
        int padded = blocks * BLOCK;
        float[] scaleCos = new float[padded];
        float[] scaleDot = new float[padded];
        float[] wCos = new float[padded];
        float[] wDot = new float[padded];
        float[] mCos = new float[padded];
        float[] mDot = new float[padded];
        double g = roundingAllowance ? 2 * Rounding.gamma(dim + 4) : 0;
        double sumInflate = 1 + (dim + 4) * 0x1p-52; // double sum-of-squares + sqrt rounding, rounded up
        float[] data = matrix.data();
        float[] v = new float[dim];
        float smallest = Float.POSITIVE_INFINITY;
        for (int r = 0; r < rows; r++) {
            float n = matrix.norm(r);
            if (n > 0f) {
                smallest = Math.min(smallest, n);
            }
            if (n == 0f || !Float.isFinite(n)) {
                if (!Float.isFinite(n)) {
                    // cannot bound: make every query treat this row as a candidate (forces rescoring)
                    wCos[r] = Float.POSITIVE_INFINITY;
                    wDot[r] = Float.POSITIVE_INFINITY;
                    mCos[r] = Float.POSITIVE_INFINITY;
                    mDot[r] = Float.POSITIVE_INFINITY;
                }
                continue; // zero row: codes 0, scale 0, exact score 0 (cosine) / sum of signed zeros (dot)
            }
            float maxAbs = 0f;
            for (int i = 0; i < dim; i++) {
                v[i] = data[r * dim + i] / n;
                maxAbs = Math.max(maxAbs, Math.abs(v[i]));
            }
            float s = maxAbs / 127f;
            double e2 = 0;
            double v2 = 0;
            int blockBase = (r / BLOCK) * BLOCK * paddedDim + 2 * (r % BLOCK);
            for (int i = 0; i < dim; i++) {
                int c = 0;
                if (s > 0f) {
                    c = Math.round(v[i] / s);
                    c = Math.max(-127, Math.min(127, c));
                }
                codes[blockBase + (i >> 1) * 2 * BLOCK + (i & 1)] = (byte) c;
                double e = (double) v[i] - (double) s * c; // exact: both terms fit in 53 bits
                e2 += e * e;
                v2 += (double) v[i] * v[i];
            }
            double e2Norm = Math.sqrt(e2) * sumInflate;
            double vNorm = Math.sqrt(v2) * sumInflate;
            double w = quantFactor * e2Norm + g * (vNorm + e2Norm);
            scaleCos[r] = s;
            scaleDot[r] = n * s;
            wCos[r] = Rounding.roundUp(w * (1 + 0x1p-40));
            wDot[r] = Rounding.roundUp((double) n * w * (1 + 0x1p-40));
            double nr = vNorm + e2Norm;
            mCos[r] = Rounding.roundUp(nr * (1 + 0x1p-40));
            mDot[r] = Rounding.roundUp((double) n * nr * (1 + 0x1p-40));
            if (roundingAllowance && scaleDot[r] < Float.MIN_NORMAL) {
                // a subnormal scale carries an absolute, not a relative, rounding error: always rescore in DOT
                wDot[r] = Float.POSITIVE_INFINITY;
                mDot[r] = Float.POSITIVE_INFINITY;
            }
        }
        this.minNorm = smallest;
        this.boundsCos = new RowBounds(blocks, scaleCos, wCos, mCos);
        this.boundsDot = new RowBounds(blocks, scaleDot, wDot, mDot);
    }

    public CatalogMatrix matrix() {
        return matrix;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** {@code dim} rounded up to a multiple of 4 (the scan consumes two dimension pairs per step). */
    static int paddedDim(int dim) {
        return (dim + 3) & ~3;
    }

    int paddedDim() {
        return paddedDim;
    }

    int blocks() {
        return blocks;
    }

    byte[] codes() {
        return codes;
    }

    RowBounds bounds(Metric metric) {
        return metric == Metric.COSINE ? boundsCos : boundsDot;
    }

    boolean queryTerm() {
        return queryTerm;
    }

    boolean roundingAllowance() {
        return roundingAllowance;
    }

    /**
     * Bytes a full phase-1 scan streams: the codes and the three block maxima of one metric. The per-row
     * floats are read only for blocks that pass the block test (a few dozen per query on 1M Gaussian rows).
     */
    public long scanBytes() {
        return codes.length + 12L * blocks;
    }

    /** Bytes this copy holds: the codes, and per metric three floats per row and per block. */
    public long bytes() {
        return codes.length + 2L * 3 * Float.BYTES * ((long) blocks * BLOCK + blocks);
    }

    /** The smallest non-zero row norm (+infinity when every row is zero). */
    float minNorm() {
        return minNorm;
    }

    /** Additive constant H of the bound for a query (see class doc). */
    double additive(Metric metric) {
        if (!roundingAllowance) {
            return 0;
        }
        double underflow = (2.0 * dim + 24) * 0x1p-149;
        return metric == Metric.COSINE ? Rounding.gamma(dim + 16) + underflow : underflow;
    }

    /**
     * The per-row factors of one metric ({@code scale_r}, {@code W_r}, {@code M_r}) and their maxima per block
     * of 8 rows (non-negative; +inf propagates), which the filter's block test reads instead of the rows.
     */
    static final class RowBounds {
        final float[] scale;
        final float[] w;
        final float[] m;
        final float[] blockScale;
        final float[] blockW;
        final float[] blockM;

        RowBounds(int blocks, float[] scale, float[] w, float[] m) {
            this.scale = scale;
            this.w = w;
            this.m = m;
            blockScale = new float[blocks];
            blockW = new float[blocks];
            blockM = new float[blocks];
            for (int b = 0; b < blocks; b++) {
                for (int r = b * BLOCK; r < (b + 1) * BLOCK; r++) {
                    blockScale[b] = Math.max(blockScale[b], scale[r]);
                    blockW[b] = Math.max(blockW[b], w[r]);
                    blockM[b] = Math.max(blockM[b], m[r]);
                }
            }
        }
    }
}
