package com.example.profiles.kernel;

/**
 * Rows laid out cluster by cluster, so that a cluster is one contiguous range a scan reads sequentially.
 *
 * <p>{@code order[r]} is the source row placed at row {@code r}; cluster {@code c} occupies
 * {@code [starts[c], starts[c + 1])}. Inside a cluster rows keep their source order. Empty clusters keep
 * their (empty) range, so cluster numbers stay those of the {@link ClusterModel}.
 *
 * <p><b>Ties.</b> The searches break score ties by a tie rank per row ({@link CatalogMatrix}). When the source
 * rows are in item-id order, the source index is the id rank, so {@code order} itself is the tie-rank array of
 * the laid-out matrix: {@code new CatalogMatrix(data, rows, dim, layout.order())} after
 * {@link #permuteRows}. Every row-indexed array (ids, titles, facets, masks) must be permuted the same way:
 * {@code laidOut[r] = source[order[r]]}.
 */
public final class ClusterLayout {

    private final int[] order;
    private final int[] starts;

    private ClusterLayout(int[] order, int[] starts) {
        this.order = order;
        this.starts = starts;
    }

    /**
     * Groups rows by cluster (stable counting sort).
     *
     * @param clusterOfRow each source row's cluster, in {@code [0, clusters)}
     * @throws IllegalArgumentException if a cluster number is out of range
     */
    public static ClusterLayout of(int[] clusterOfRow, int clusters) {
        if (clusters < 1) {
            throw new IllegalArgumentException("clusters must be >= 1: " + clusters);
        }
        int rows = clusterOfRow.length;
        int[] starts = new int[clusters + 1];
        for (int r = 0; r < rows; r++) {
            int c = clusterOfRow[r];
            if (c < 0 || c >= clusters) {
                throw new IllegalArgumentException("row " + r + " has cluster " + c + " outside 0.." + (clusters - 1));
            }
            starts[c + 1]++;
        }
        for (int c = 0; c < clusters; c++) {
            starts[c + 1] += starts[c];
        }
        int[] fill = starts.clone();
        int[] order = new int[rows];
        for (int r = 0; r < rows; r++) {
            order[fill[clusterOfRow[r]]++] = r;
        }
        return new ClusterLayout(order, starts);
    }

    /** {@code order[r]}: the source row placed at row r (shared, do not modify). */
    public int[] order() {
        return order;
    }

    /** Cluster c occupies rows {@code [starts[c], starts[c + 1])} (shared, do not modify). */
    public int[] starts() {
        return starts;
    }

    public int clusters() {
        return starts.length - 1;
    }

    /** {@code inverse[source] = r} where {@code order[r] = source}: where a source row went. */
    public int[] inverse() {
        int[] inv = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            inv[order[r]] = r;
        }
        return inv;
    }

    /**
     * In place: row r becomes the row that was at {@code order[r]}, following each cycle of the permutation with
     * one row of scratch space instead of a second matrix.
     */
    public static void permuteRows(float[] data, int dim, int[] order) {
        int n = order.length;
        if ((long) n * dim != data.length) {
            throw new IllegalArgumentException("data.length " + data.length + " != rows*dim " + (long) n * dim);
        }
        long[] placed = new long[(n + 63) >>> 6];
        float[] scratch = new float[dim];
        for (int start = 0; start < n; start++) {
            if ((placed[start >>> 6] & (1L << start)) != 0 || order[start] == start) {
                continue;
            }
            System.arraycopy(data, start * dim, scratch, 0, dim);
            int at = start;
            while (true) {
                placed[at >>> 6] |= 1L << at;
                int from = order[at];
                if (from == start) {
                    System.arraycopy(scratch, 0, data, at * dim, dim);
                    break;
                }
                System.arraycopy(data, from * dim, data, at * dim, dim);
                at = from;
            }
        }
    }
}
