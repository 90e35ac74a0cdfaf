package com.example.profiles.catalog;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.QuantizedCatalog;
import com.example.profiles.kernel.RowMask;

/**
 * One embedding space (one model) of a catalog snapshot, row for row with the snapshot's items: what scoring
 * needs and nothing else. Searches take this, not the whole catalog, so that a snapshot holds one per model and
 * an answer is scored by exactly one. Items without a vector in this model have a zero row that is never a
 * candidate ({@link #present}).
 *
 * <p>With {@link Clusters}, the matrix (and the int8 copy made from it) is laid out cluster by cluster: its row
 * order is not the catalog's. Read a catalog row's vector with {@link #vector} or {@link #offset}; searches take
 * queries in catalog rows and translate them ({@link Clusters#toLayout}).
 *
 * @param matrix    the float32 embeddings (norms precomputed); null when the catalog is empty
 * @param quantized the int8 copy for the exact two-phase search, or null at float32 precision
 * @param precision how searches scan these embeddings
 * @param version   a content hash of the embeddings and their item ids
 * @param present   the rows that have a vector in this model (catalog rows); null when all have
 * @param clusters  the clusters the matrix is laid out in, or null: the matrix is in catalog row order
 */
public record Embeddings(CatalogMatrix matrix, QuantizedCatalog quantized, Precision precision, String version,
                         RowMask present, Clusters clusters) {

    /** No rows at all. */
    public static final Embeddings EMPTY = new Embeddings(null, null, Precision.FLOAT32, "empty", null);

    public Embeddings {
        if (precision == Precision.INT8 && quantized == null) {
            throw new IllegalArgumentException("int8 precision needs the quantized copy");
        }
    }

    public Embeddings(CatalogMatrix matrix, QuantizedCatalog quantized, Precision precision, String version,
                      RowMask present) {
        this(matrix, quantized, precision, version, present, null);
    }

    public Embeddings(CatalogMatrix matrix, QuantizedCatalog quantized, Precision precision, String version) {
        this(matrix, quantized, precision, version, null, null);
    }

    /** The float32 embeddings alone (no int8 copy), every row present. */
    public static Embeddings float32(CatalogMatrix matrix, String version) {
        return new Embeddings(matrix, null, Precision.FLOAT32, version, null);
    }

    /** Embeddings built at {@code precision}: the int8 copy is made here when it is needed. */
    public static Embeddings of(CatalogMatrix matrix, Precision precision, String version, RowMask present) {
        return of(matrix, precision, version, present, null);
    }

    /** The same over a matrix laid out in {@code clusters} (null: in catalog row order). */
    static Embeddings of(CatalogMatrix matrix, Precision precision, String version, RowMask present,
                         Clusters clusters) {
        return new Embeddings(matrix, precision == Precision.INT8 ? new QuantizedCatalog(matrix) : null, precision,
                version, present, clusters);
    }

    /** The row of {@code matrix()} holding catalog row {@code row}'s vector. */
    public int matrixRow(int row) {
        return clusters == null ? row : clusters.layoutRow(row);
    }

    /** Where the vector of catalog row {@code row} starts in {@code matrix().data()}. */
    public int offset(int row) {
        return matrixRow(row) * matrix.dim();
    }

    /** A copy of the vector of catalog row {@code row}. */
    public float[] vector(int row) {
        return matrix.row(matrixRow(row));
    }

    public int rows() {
        return matrix == null ? 0 : matrix.rows();
    }

    /** The shared dimension, or 0 without rows. */
    public int dimension() {
        return matrix == null ? 0 : matrix.dim();
    }

    /** Whether searches scan the int8 codes. */
    public boolean int8() {
        return precision == Precision.INT8;
    }

    /** How many items have a vector in this model. */
    public int items() {
        return present == null ? rows() : present.count();
    }

    /** Whether the item at {@code row} has a vector in this model. */
    public boolean has(int row) {
        return present == null || present.contains(row);
    }

    /** {@code mask} (null: every row) narrowed to the rows that have a vector here. */
    public RowMask candidates(RowMask mask) {
        if (present == null) {
            return mask;
        }
        return mask == null ? present : mask.and(present);
    }

    /** Bytes the vectors take in memory: the float32 matrix, the int8 codes when kept, the clusters when built. */
    public long bytes() {
        long floats = matrix == null ? 0 : (long) matrix.rows() * matrix.dim() * Float.BYTES + 4L * matrix.rows();
        return floats + (quantized == null ? 0 : quantized.bytes()) + (clusters == null ? 0 : clusters.bytes());
    }
}
