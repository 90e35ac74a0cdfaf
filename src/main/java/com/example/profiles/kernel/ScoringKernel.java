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
     * Exact integer phase-1 scan of {@link Int8Search}: for each block {@code b} in {@code [fromBlock, toBlock)}
     * of {@link QuantizedCatalog#BLOCK} = 8 rows in the pair-interleaved layout of {@link QuantizedCatalog}
     * ({@code codes[b * 8 * dp + (i / 2) * 16 + 2 * lane + (i & 1)]}, {@code dp} a multiple of 4), writes
     * {@code sum_i cq_i * c_(row, i)} into {@code out[(b - fromBlock) * 8 + lane]}. {@code queryPairs} holds the
     * int8 query codes in the same pattern ({@code queryPairs[(i / 2) * 16 + 2 * lane + (i & 1)] = cq_i}).
     * Integer arithmetic, so every implementation returns the same (exact) values.
     */
    default void int8DotBlocks(byte[] codes, int dp, short[] queryPairs, int fromBlock, int toBlock, int[] out) {
        final int B = QuantizedCatalog.BLOCK;
        for (int b = fromBlock; b < toBlock; b++) {
            int base = b * B * dp;
            int w = (b - fromBlock) * B;
            for (int lane = 0; lane < B; lane++) {
                int s = 0;
                for (int p = 0; p < dp; p += 2) {
                    int o = base + p * B + 2 * lane;
                    s += codes[o] * queryPairs[p * B] + codes[o + 1] * queryPairs[p * B + 1];
                }
                out[w + lane] = s;
            }
        }
    }

    /**
     * Block test of the {@link Int8Search} filter over the blocks {@code [fromBlock, fromBlock + blockCount)},
     * whose integer dot products are {@code acc[0 .. 8 * blockCount)}: appends to {@code passing} every block
     * that may hold a row with {@code !(a + b < threshold)} under {@link #int8RowFilter}'s formulas. With
     * {@code A = ((float) acc[j] * sq) * blockScale}, rounding is monotone and every factor non-negative, so
     * {@code a <= max(A, 0)}, {@code |a| <= |A|}, and {@code b} is at most the same expression over the block
     * maxima; a block is dropped only when {@code max(A, 0) + (bb + eta |A|) < threshold} in all 8 lanes, with
     * {@code bb = (q2 * blockW + d2 * blockM) + h}. NaN keeps the block. No per-row float is read.
     *
     * @return number of passing blocks (absolute block numbers in {@code passing})
     */
    default int int8BlockTest(int[] acc, float sq, QuantizedCatalog.RowBounds rb, int fromBlock, int blockCount,
                              float q2, float d2, float h, float eta, float threshold, int[] passing) {
        final int B = QuantizedCatalog.BLOCK;
        int n = 0;
        for (int blk = 0; blk < blockCount; blk++) {
            int b = fromBlock + blk;
            float bb = (q2 * rb.blockW[b] + d2 * rb.blockM[b]) + h;
            for (int j = blk * B; j < (blk + 1) * B; j++) {
                float upper = ((float) acc[j] * sq) * rb.blockScale[b];
                if (!(Math.max(upper, 0f) + (eta * Math.abs(upper) + bb) < threshold)) {
                    passing[n++] = b;
                    break;
                }
            }
        }
        return n;
    }

    /**
     * Per-row filter of {@link Int8Search} for the 8 rows of {@code block}, whose integer dot products are
     * {@code acc[accOffset .. accOffset + 8)}. Per lane {@code j}, row {@code r = 8 * block + j}:
     * {@code a = ((float) acc[accOffset + j] * sq) * scale[r]},
     * {@code b = ((q2 * w[r] + d2 * m[r]) + h) + eta * |a|} (separate multiplies and adds, in this order; the
     * bound's float analysis covers every rounding); stores {@code approx[j] = a}, {@code bnd[j] = b} and
     * appends {@code j} to {@code hits} when {@code !(a + b < threshold)} (so NaN counts as a hit).
     *
     * @return number of hits
     */
    default int int8RowFilter(int[] acc, int accOffset, float sq, QuantizedCatalog.RowBounds rb, int block,
                              float q2, float d2, float h, float eta, float threshold, float[] approx, float[] bnd,
                              int[] hits) {
        final int B = QuantizedCatalog.BLOCK;
        int n = 0;
        for (int j = 0; j < B; j++) {
            int r = block * B + j;
            float a = ((float) acc[accOffset + j] * sq) * rb.scale[r];
            float bound = ((q2 * rb.w[r] + d2 * rb.m[r]) + h) + eta * Math.abs(a);
            approx[j] = a;
            bnd[j] = bound;
            if (!(a + bound < threshold)) {
                hits[n++] = j;
            }
        }
        return n;
    }
}
