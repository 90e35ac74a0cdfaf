package com.example.profiles.kernel;

/**
 * The scoring primitives, over primitive arrays and offsets only (like Lucene's {@code VectorUtilSupport}):
 * a kernel knows nothing of catalogs, bounds or searches. Two complete implementations: {@link ScalarKernel}
 * (plain Java, the reference) and {@code VectorKernel} (Vector API); {@link Kernels#select(String)} chooses
 * one at start-up.
 *
 * <p>Contract: for a given implementation, {@link #dotRows} produces, for every row, a result bit-identical
 * to {@link #dot} on that row (same per-row arithmetic whatever the batching), so exact search results do
 * not depend on how rows are batched or split across threads. Different implementations may differ in the
 * last bits (different summation order); both are within {@code gamma_n * sum|a_i*b_i|} of the real dot
 * product, {@code gamma_n = n*u/(1-n*u)}, {@code u = 2^-24}. The int8 methods are integer arithmetic or
 * float formulas in a fixed order, so every implementation returns the same values.
 */
public interface ScoringKernel {

    /** Rows per block of the int8 code layout (one 256-bit vector of int or float lanes). */
    int BLOCK = 8;

    /** Implementation name, e.g. {@code "vector-api-256bit-fma"} or {@code "scalar"}. */
    String name();

    /** Float lanes processed per instruction: 1 for scalar code. */
    int lanes();

    /** Dot product of {@code a[aOffset..aOffset+length)} and {@code b[bOffset..bOffset+length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /**
     * Scores rows {@code [fromRow, toRow)} of the row-major {@code matrix} (row width {@code dim}) against
     * {@code query}, writing row {@code r} to {@code out[outOffset + (r - fromRow)]}; each value is
     * bit-identical to {@code dot(matrix, r * dim, query, 0, dim)}.
     */
    void dotRows(float[] matrix, int dim, float[] query, int fromRow, int toRow, float[] out, int outOffset);

    /**
     * Exact integer dot products of int8 codes: for each block {@code b} in {@code [fromBlock, toBlock)} of
     * {@link #BLOCK} rows in the pair-interleaved layout
     * ({@code codes[b * 8 * paddedDim + (i / 2) * 16 + 2 * lane + (i & 1)]}, {@code paddedDim} a multiple of 4),
     * writes {@code sum_i cq_i * c_(row, i)} into {@code out[(b - fromBlock) * 8 + lane]}. {@code queryPairs}
     * holds the query codes in the same pattern ({@code queryPairs[(i / 2) * 16 + 2 * lane + (i & 1)] = cq_i}).
     */
    void int8DotBlocks(byte[] codes, int paddedDim, short[] queryPairs, int fromBlock, int toBlock, int[] out);

    /**
     * Block test over the blocks {@code [fromBlock, fromBlock + blockCount)}, whose integer dot products are
     * {@code acc[0 .. 8 * blockCount)}: appends to {@code passing} every block that may hold a row with
     * {@code !(a + b < threshold)} under {@link #int8RowFilter}'s formulas. With
     * {@code A = ((float) acc[j] * sq) * blockScale[b]}, rounding is monotone and every factor non-negative, so
     * {@code a <= max(A, 0)}, {@code |a| <= |A|}, and {@code b} is at most the same expression over the block
     * maxima; a block is dropped only when {@code max(A, 0) + (bb + eta |A|) < threshold} in all 8 lanes, with
     * {@code bb = (q2 * blockW[b] + d2 * blockM[b]) + h}. NaN keeps the block. No per-row float is read.
     *
     * @return number of passing blocks (absolute block numbers in {@code passing})
     */
    int int8BlockTest(int[] acc, float sq, float[] blockScale, float[] blockW, float[] blockM, int fromBlock,
                      int blockCount, float q2, float d2, float h, float eta, float threshold, int[] passing);

    /**
     * Per-row filter for the 8 rows of {@code block}, whose integer dot products are
     * {@code acc[accOffset .. accOffset + 8)}. Per lane {@code j}, row {@code r = 8 * block + j}:
     * {@code a = ((float) acc[accOffset + j] * sq) * scale[r]},
     * {@code b = ((q2 * w[r] + d2 * m[r]) + h) + eta * |a|} (separate multiplies and adds, in this order);
     * stores {@code approx[j] = a}, {@code bnd[j] = b} and appends {@code j} to {@code hits} when
     * {@code !(a + b < threshold)} (so NaN counts as a hit).
     *
     * @return number of hits
     */
    int int8RowFilter(int[] acc, int accOffset, float sq, float[] scale, float[] w, float[] m, int block, float q2,
                      float d2, float h, float eta, float threshold, float[] approx, float[] bnd, int[] hits);
}
