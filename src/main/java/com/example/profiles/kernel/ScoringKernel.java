package com.example.profiles.kernel;

/**
 * A float32 scoring kernel. Exactly one implementation is chosen at startup by {@link Kernels#select(String)}.
 *
 * <p>Contract: for a given implementation, {@link #dotRows} produces, for every row, a result bit-identical
 * to {@link #dot} on that row (same per-row arithmetic whatever the batching), so exact search results do
 * not depend on how rows are batched or split across threads. Different implementations (scalar vs vector)
 * may differ in the last bits (different summation order); both are within
 * {@code gamma_n * sum|a_i*b_i|} of the real dot product, {@code gamma_n = n*u/(1-n*u)}, {@code u = 2^-24}.
 */
public interface ScoringKernel {

    /** Implementation name, e.g. {@code "vector-api-256bit-fma"} or {@code "scalar"}. */
    String name();

    /** Float lanes processed per instruction: 1 for scalar code. */
    default int lanes() {
        return 1;
    }

    /** Dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..bOffset+length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /**
     * Scores rows {@code [fromRow, toRow)} of the row-major {@code matrix} (row width {@code dim}) against
     * {@code query} into {@code out[fromRow..toRow)}. Each {@code out[r]} is bit-identical to
     * {@code dot(matrix, r * dim, query, 0, dim)}.
     */
    default void dotRows(float[] matrix, int dim, float[] query, int fromRow, int toRow, float[] out) {
        dotRows(matrix, dim, query, fromRow, toRow, out, fromRow);
    }

    /**
     * Same as {@link #dotRows(float[], int, float[], int, int, float[])} but writes row {@code r} to
     * {@code out[outOffset + (r - fromRow)]}, so a small reusable buffer can be used.
     */
    void dotRows(float[] matrix, int dim, float[] query, int fromRow, int toRow, float[] out, int outOffset);

    /**
     * Approximate int8 scan used by phase 1 of {@link Int8Search}: for each block {@code b} in
     * {@code [fromBlock, toBlock)} of {@link QuantizedCatalog#BLOCK} rows stored dimension-major
     * ({@code codes[(b * dim + i) * BLOCK + lane]}), writes {@code sum_i query[i] * codes[...]} accumulated in
     * float32 (any order; the error bound in {@link QuantizedCatalog} covers every order) into
     * {@code out[(b - fromBlock) * BLOCK + lane]}. The default is plain Java; vector kernels override it.
     */
    default void int8DotBlocks(byte[] codes, int dim, float[] query, int fromBlock, int toBlock, float[] out) {
        final int B = QuantizedCatalog.BLOCK;
        for (int b = fromBlock; b < toBlock; b++) {
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
            int base = b * dim * B;
            for (int i = 0; i < dim; i++) {
                float q = query[i];
                int o = base + i * B;
                a0 += q * codes[o];
                a1 += q * codes[o + 1];
                a2 += q * codes[o + 2];
                a3 += q * codes[o + 3];
                a4 += q * codes[o + 4];
                a5 += q * codes[o + 5];
                a6 += q * codes[o + 6];
                a7 += q * codes[o + 7];
            }
            int w = (b - fromBlock) * B;
            out[w] = a0; out[w + 1] = a1; out[w + 2] = a2; out[w + 3] = a3;
            out[w + 4] = a4; out[w + 5] = a5; out[w + 6] = a6; out[w + 7] = a7;
        }
    }

    /**
     * Phase-1 filter of {@link Int8Search} over {@code count} rows starting at row {@code rowOffset}:
     * {@code a = acc[j] * scale[rowOffset + j]}, {@code b = (q2 * w[rowOffset + j] + h) + eta * |a|} (separate
     * multiply and add, the bound's float analysis covers both), stores {@code acc[j] = a}, {@code bnd[j] = b}
     * and appends {@code j} to {@code hits} when {@code !(a + b < threshold)} (so NaN counts as a hit).
     *
     * @return number of hits
     */
    default int int8Filter(float[] acc, float[] scale, float[] w, int rowOffset, int count, float q2, float h, float eta,
                           float threshold, float[] bnd, int[] hits) {
        int n = 0;
        for (int j = 0; j < count; j++) {
            float a = acc[j] * scale[rowOffset + j];
            float b = (q2 * w[rowOffset + j] + h) + eta * Math.abs(a);
            acc[j] = a;
            bnd[j] = b;
            if (!(a + b < threshold)) {
                hits[n++] = j;
            }
        }
        return n;
    }
}
