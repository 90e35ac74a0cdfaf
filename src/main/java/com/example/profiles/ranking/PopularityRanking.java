package com.example.profiles.ranking;

import java.util.Arrays;

import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.SearchResult;

/**
 * The cold-start order: rows in {@code preferred} first (when given), then the others; within each tier
 * descending popularity, rows without a popularity (NaN) last, ties by row (that is, by item id). Selects the
 * best {@code t} rows of a mask without sorting the catalog. The score reported is the popularity (0 when
 * absent).
 */
public final class PopularityRanking {

    private final double[] popularity;
    private final long[] preferred;

    /**
     * @param popularity per row, NaN when absent; null when no item has one (then only tier and row order)
     * @param preferred  bitmap of the first tier, or null for one tier
     */
    public PopularityRanking(double[] popularity, long[] preferred) {
        this.popularity = popularity;
        this.preferred = preferred;
    }

    /** The best {@code t} rows among {@code mask} (null: all of {@code rows}). */
    public SearchResult top(RowMask mask, int t, int rows) {
        long[] words = (mask == null ? RowMask.all(rows) : mask).words();
        int[] heap = new int[t]; // worst kept row at the root
        int size = 0;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            while (bits != 0) {
                int row = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (size == t && !before(row, heap[0])) {
                    continue;
                }
                if (size < t) {
                    siftUp(heap, size++, row);
                } else {
                    siftDown(heap, size, row);
                }
            }
        }
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = heap[i];
        }
        Arrays.sort(order, (a, b) -> a.equals(b) ? 0 : before(a, b) ? -1 : 1);
        int[] out = new int[size];
        float[] scores = new float[size];
        for (int i = 0; i < size; i++) {
            out[i] = order[i];
            double p = popularity(out[i]);
            scores[i] = Double.isNaN(p) ? 0f : (float) p;
        }
        return new SearchResult(out, scores);
    }

    /** True if row a ranks strictly before row b. */
    boolean before(int a, int b) {
        boolean pa = preferred(a);
        boolean pb = preferred(b);
        if (pa != pb) {
            return pa;
        }
        double x = popularity(a);
        double y = popularity(b);
        boolean xn = Double.isNaN(x);
        boolean yn = Double.isNaN(y);
        if (xn != yn) {
            return yn;
        }
        if (!xn && x != y) {
            return x > y;
        }
        return a < b;
    }

    private boolean preferred(int row) {
        return preferred != null && (preferred[row >>> 6] & (1L << row)) != 0;
    }

    private double popularity(int row) {
        return popularity == null ? Double.NaN : popularity[row];
    }

    private void siftUp(int[] heap, int i, int row) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (before(heap[parent], row)) {
                heap[i] = heap[parent];
                i = parent;
            } else {
                break;
            }
        }
        heap[i] = row;
    }

    private void siftDown(int[] heap, int size, int row) {
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child], heap[child + 1])) {
                child++;
            }
            if (before(row, heap[child])) {
                heap[i] = heap[child];
                i = child;
            } else {
                break;
            }
        }
        heap[i] = row;
    }
}
