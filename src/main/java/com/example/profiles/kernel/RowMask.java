package com.example.profiles.kernel;

import java.util.Arrays;

/**
 * A set of catalog rows as a bitmap ({@code words[r >>> 6]} bit {@code r & 63}) and how many they are: what a
 * filter lets through, what a request excludes, the rows a search may return. Rows outside it are never
 * candidates, in either precision. Immutable by convention: every operation returns a new mask, and callers
 * never change {@link #words()}.
 */
public record RowMask(long[] words, int count) {

    /** No row of a catalog of {@code rows} rows. */
    public static RowMask none(int rows) {
        return new RowMask(new long[wordCount(rows)], 0);
    }

    /** Every row of a catalog of {@code rows} rows. */
    public static RowMask all(int rows) {
        long[] words = new long[wordCount(rows)];
        Arrays.fill(words, -1L);
        clearTail(words, rows);
        return new RowMask(words, rows);
    }

    /** The rows whose bits are set; the array is taken over, not copied. */
    public static RowMask of(long[] words) {
        return new RowMask(words, bitCount(words));
    }

    /** The given rows (any order, duplicates allowed) of a catalog of {@code rows} rows. */
    public static RowMask ofRows(int rows, int... members) {
        long[] words = new long[wordCount(rows)];
        for (int row : members) {
            words[row >>> 6] |= 1L << row;
        }
        return of(words);
    }

    public boolean contains(int row) {
        return (words[row >>> 6] & (1L << row)) != 0;
    }

    /** Fraction of {@code rows} the mask lets through. */
    public double selectivity(int rows) {
        return rows == 0 ? 0 : (double) count / rows;
    }

    public RowMask and(RowMask other) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] &= other.words[i];
        }
        return of(w);
    }

    public RowMask or(RowMask other) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] |= other.words[i];
        }
        return of(w);
    }

    /** The rows of a catalog of {@code rows} rows that are not in this mask. */
    public RowMask not(int rows) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = ~w[i];
        }
        clearTail(w, rows);
        return new RowMask(w, rows - count);
    }

    /** This mask without the given rows; itself when none of them is in it. */
    public RowMask without(int... rows) {
        long[] w = null;
        int removed = 0;
        for (int row : rows) {
            long bit = 1L << row;
            long[] source = w == null ? words : w;
            if ((source[row >>> 6] & bit) != 0) {
                if (w == null) {
                    w = words.clone();
                }
                w[row >>> 6] &= ~bit;
                removed++;
            }
        }
        return w == null ? this : new RowMask(w, count - removed);
    }

    /** The rows in the mask, ascending. */
    public int[] toArray() {
        int[] out = new int[count];
        int n = 0;
        for (int i = 0; i < words.length; i++) {
            long w = words[i];
            while (w != 0) {
                out[n++] = (i << 6) + Long.numberOfTrailingZeros(w);
                w &= w - 1;
            }
        }
        return out;
    }

    /** Words a bitmap over {@code rows} rows takes. */
    public static int wordCount(int rows) {
        return (rows + 63) >>> 6;
    }

    private static int bitCount(long[] words) {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    private static void clearTail(long[] words, int rows) {
        int tail = rows & 63;
        if (tail != 0) {
            words[words.length - 1] &= (1L << tail) - 1;
        }
    }
}
