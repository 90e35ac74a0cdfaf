package com.example.profiles.facet;

import java.util.Arrays;

/** A set of catalog rows as a bitmap: what a filter lets through. */
public final class RowSet {

    private final long[] words;
    private final int rows;

    private RowSet(long[] words, int rows) {
        this.words = words;
        this.rows = rows;
    }

    public static RowSet none(int rows) {
        return new RowSet(new long[(rows + 63) >>> 6], rows);
    }

    public static RowSet all(int rows) {
        RowSet set = none(rows);
        Arrays.fill(set.words, -1L);
        set.clearTail();
        return set;
    }

    public int rows() {
        return rows;
    }

    public boolean contains(int row) {
        return (words[row >>> 6] & (1L << row)) != 0;
    }

    void add(int row) {
        words[row >>> 6] |= 1L << row;
    }

    /** The bitmap ({@code words[r >>> 6]} bit {@code r & 63}), shared: callers must not change it. */
    public long[] words() {
        return words;
    }

    public int cardinality() {
        int n = 0;
        for (long w : words) {
            n += Long.bitCount(w);
        }
        return n;
    }

    /** The rows in the set, ascending. */
    public int[] toArray() {
        int[] out = new int[cardinality()];
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

    RowSet and(RowSet other) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] &= other.words[i];
        }
        return new RowSet(w, rows);
    }

    RowSet or(RowSet other) {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] |= other.words[i];
        }
        return new RowSet(w, rows);
    }

    RowSet not() {
        long[] w = words.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] = ~w[i];
        }
        RowSet set = new RowSet(w, rows);
        set.clearTail();
        return set;
    }

    private void clearTail() {
        int tail = rows & 63;
        if (tail != 0) {
            words[words.length - 1] &= (1L << tail) - 1;
        }
    }
}
