package com.example.profiles.catalog;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.QuantizedCatalog;

/**
 * One embedding space of a catalog snapshot, row for row with the snapshot's items: what scoring needs and
 * nothing else. Searches take this, not the whole catalog, so that a snapshot can hold several spaces.
 *
 * @param matrix    the float32 embeddings (norms precomputed); null when the catalog is empty
 * @param quantized the int8 copy for the exact two-phase search, or null at float32 precision
 * @param precision how searches scan these embeddings
 * @param version   a content hash of the embeddings and their item ids
 */
public record Embeddings(CatalogMatrix matrix, QuantizedCatalog quantized, Precision precision, String version) {

    /** No rows at all. */
    public static final Embeddings EMPTY = new Embeddings(null, null, Precision.FLOAT32, "empty");

    public Embeddings {
        if (precision == Precision.INT8 && quantized == null) {
            throw new IllegalArgumentException("int8 precision needs the quantized copy");
        }
    }

    /** The float32 embeddings alone (no int8 copy). */
    public static Embeddings float32(CatalogMatrix matrix, String version) {
        return new Embeddings(matrix, null, Precision.FLOAT32, version);
    }

    /** Embeddings built at {@code precision}: the int8 copy is made here when it is needed. */
    public static Embeddings of(CatalogMatrix matrix, Precision precision, String version) {
        return new Embeddings(matrix, precision == Precision.INT8 ? new QuantizedCatalog(matrix) : null, precision,
                version);
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
}
