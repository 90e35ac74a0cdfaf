package com.example.profiles.kernel;

import java.util.Arrays;

/**
 * Top-k result, best first: {@code rows[i]} is a catalog row index, {@code scores[i]} its exact float32
 * score. Order: score descending, ties broken by lower tie rank ({@link CatalogMatrix#tieRanks()}: the row
 * index unless the matrix carries ranks).
 */
public record SearchResult(int[] rows, float[] scores) {

    public int size() {
        return rows.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SearchResult other)) {
            return false;
        }
        if (!Arrays.equals(rows, other.rows) || scores.length != other.scores.length) {
            return false;
        }
        for (int i = 0; i < scores.length; i++) {
            if (Float.floatToRawIntBits(scores[i]) != Float.floatToRawIntBits(other.scores[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(rows) + Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "SearchResult{rows=" + Arrays.toString(rows) + ", scores=" + Arrays.toString(scores) + '}';
    }
}
