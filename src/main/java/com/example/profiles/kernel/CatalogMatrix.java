package com.example.profiles.kernel;

/**
 * Immutable row-major catalog matrix with precomputed L2 norms.
 *
 * <p>Every search breaks score ties by the row's <b>tie rank</b>, lower first. Without ranks (the three-argument
 * constructor) the rank is the row index, and the rows MUST already be sorted by item id by the caller, so
 * "tie broken by item_id" equals "tie broken by lower row index". With ranks the rows may be in any order
 * (for example cluster by cluster, {@link ClusterLayout}) and {@code tieRank[r]} is row r's position in item-id
 * order. The arrays are NOT copied (a 1M x 768 catalog is 3 GB): ownership passes to this object and the caller
 * must not modify them afterwards. Values must be finite.
 */
public final class CatalogMatrix {

    private final float[] data;
    private final int rows;
    private final int dim;
    private final float[] norms;
    private final int[] tieRank;

    public CatalogMatrix(float[] rowMajor, int rows, int dim) {
        this(rowMajor, rows, dim, null);
    }

    /**
     * @param tieRank null (ties by row index), or a permutation of {@code 0 .. rows-1}: row r's position in the
     *                order ties are broken by (item-id order)
     * @throws IllegalArgumentException if the shape does not match or {@code tieRank} is not a permutation
     */
    public CatalogMatrix(float[] rowMajor, int rows, int dim, int[] tieRank) {
        if (rowMajor == null) {
            throw new IllegalArgumentException("rowMajor is null");
        }
        if (rows < 0 || dim < 1) {
            throw new IllegalArgumentException("rows must be >= 0 and dim >= 1: rows=" + rows + " dim=" + dim);
        }
        if ((long) rows * dim != rowMajor.length) {
            throw new IllegalArgumentException("rowMajor.length " + rowMajor.length + " != rows*dim " + ((long) rows * dim));
        }
        this.data = rowMajor;
        this.rows = rows;
        this.dim = dim;
        if (tieRank != null) {
            requirePermutation(tieRank, rows);
        }
        this.tieRank = tieRank;
        this.norms = new float[rows];
        for (int r = 0; r < rows; r++) {
            norms[r] = l2Norm(rowMajor, r * dim, dim);
        }
    }

    /** Distinct ranks make (score, rank) a total order, so every scan order selects the same top-k. */
    private static void requirePermutation(int[] rank, int rows) {
        if (rank.length != rows) {
            throw new IllegalArgumentException("tieRank.length " + rank.length + " != rows " + rows);
        }
        long[] seen = new long[(rows + 63) >>> 6];
        for (int r = 0; r < rows; r++) {
            int x = rank[r];
            if (x < 0 || x >= rows || (seen[x >>> 6] & (1L << x)) != 0) {
                throw new IllegalArgumentException("tieRank is not a permutation of 0.." + (rows - 1) + " at row " + r);
            }
            seen[x >>> 6] |= 1L << x;
        }
    }

    /**
     * L2 norm used everywhere (rows and queries): squares summed in double (each square is exact in
     * double), square root in double, rounded once to float. Relative error below {@code 2^-24 + n*2^-53}.
     */
    public static float l2Norm(float[] a, int offset, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            double x = a[offset + i];
            s += x * x;
        }
        return (float) Math.sqrt(s);
    }

    public static float l2Norm(float[] a) {
        return l2Norm(a, 0, a.length);
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The tie ranks (shared, do not modify), or null when ties go by row index. */
    public int[] tieRanks() {
        return tieRank;
    }

    /** Precomputed L2 norm of a row ({@link #l2Norm(float[], int, int)}). */
    public float norm(int row) {
        return norms[row];
    }

    /** The backing row-major array (shared, do not modify). */
    public float[] data() {
        return data;
    }

    /** A copy of one row. */
    public float[] row(int row) {
        float[] out = new float[dim];
        System.arraycopy(data, row * dim, out, 0, dim);
        return out;
    }

    /** Unit-normalised copy of a row ({@code x / norm}, each element rounded to float); zeros for a zero row. */
    public float[] unitRow(int row) {
        float[] out = new float[dim];
        float n = norms[row];
        if (n != 0f) {
            for (int i = 0; i < dim; i++) {
                out[i] = data[row * dim + i] / n;
            }
        }
        return out;
    }
}
