package com.example.profiles.kernel;

/**
 * The rows a search may return, as a bitmap over catalog rows ({@code words[r >>> 6]} bit {@code r & 63}),
 * and how many they are. Rows outside it are never candidates, in either precision.
 */
public record RowMask(long[] words, int count) {

    public boolean contains(int row) {
        return (words[row >>> 6] & (1L << row)) != 0;
    }

    /** Fraction of {@code rows} the mask lets through. */
    public double selectivity(int rows) {
        return rows == 0 ? 0 : (double) count / rows;
    }
}
