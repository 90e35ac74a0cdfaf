package com.example.profiles.kernel;

import java.util.function.IntPredicate;

/**
 * Bounded binary heap keeping the k best (score desc, tie rank asc) entries; the root is the worst kept entry.
 * The tie rank of a row is {@code rank[row]}, or the row itself when there are no ranks ({@link
 * CatalogMatrix#tieRanks()}). O(n log k) for n offers, never a full sort of the catalog (only the final k
 * entries are sorted).
 */
final class TopK {

    private final int k;
    private final float[] scores;
    private final int[] rows;
    /** Null: ties by lower row. Only read on exact score ties, so the scan's common path does not touch it. */
    private final int[] rank;
    private int size;

    TopK(int k) {
        this(k, null);
    }

    TopK(int k, int[] rank) {
        this.k = k;
        this.scores = new float[k];
        this.rows = new int[k];
        this.rank = rank;
    }

    /** True if (s1, r1) ranks strictly before (s2, r2): higher score first, then lower tie rank. */
    private boolean better(float s1, int r1, float s2, int r2) {
        return s1 > s2 || (s1 == s2 && (rank == null ? r1 < r2 : rank[r1] < rank[r2]));
    }

    /** The k-th best score kept, or -infinity while fewer than k rows are kept. */
    float threshold() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[0];
    }

    int size() {
        return size;
    }

    /** True if (score, row) would be kept, i.e. the heap is not full or it beats the current worst. */
    boolean accepts(float score, int row) {
        return size < k || better(score, row, scores[0], rows[0]);
    }

    /** Offers a row, consulting the exclusion predicate only if the row would be kept. */
    void offer(float score, int row, IntPredicate excluded) {
        if (accepts(score, row) && (excluded == null || !excluded.test(row))) {
            insert(score, row);
        }
    }

    /** Inserts a row known to be accepted ({@link #accepts}). */
    void insert(float score, int row) {
        if (size < k) {
            int i = size++;
            // sift up: parent must be worse-or-equal (i.e. not better) than child
            while (i > 0) {
                int p = (i - 1) >>> 1;
                if (better(scores[p], rows[p], score, row)) {
                    scores[i] = scores[p];
                    rows[i] = rows[p];
                    i = p;
                } else {
                    break;
                }
            }
            scores[i] = score;
            rows[i] = row;
        } else {
            siftDown(score, row);
        }
    }

    private void siftDown(float score, int row) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int c = 2 * i + 1;
            int rc = c + 1;
            if (rc < size && better(scores[c], rows[c], scores[rc], rows[rc])) {
                c = rc; // pick the worse child
            }
            if (better(score, row, scores[c], rows[c])) {
                scores[i] = scores[c];
                rows[i] = rows[c];
                i = c;
            } else {
                break;
            }
        }
        scores[i] = score;
        rows[i] = row;
    }

    void addAll(TopK other) {
        for (int i = 0; i < other.size; i++) {
            if (accepts(other.scores[i], other.rows[i])) {
                insert(other.scores[i], other.rows[i]);
            }
        }
    }

    /** Sorted best-first result (sorts only the k kept entries). */
    SearchResult toResult() {
        int n = size;
        int[] r = new int[n];
        float[] s = new float[n];
        // pop worst repeatedly, filling from the back
        float[] hs = scores.clone();
        int[] hr = rows.clone();
        TopK copy = new TopK(k, hs, hr, rank, n);
        for (int i = n - 1; i >= 0; i--) {
            r[i] = copy.rows[0];
            s[i] = copy.scores[0];
            copy.popRoot();
        }
        return new SearchResult(r, s);
    }

    private TopK(int k, float[] scores, int[] rows, int[] rank, int size) {
        this.k = k;
        this.scores = scores;
        this.rows = rows;
        this.rank = rank;
        this.size = size;
    }

    private void popRoot() {
        size--;
        if (size > 0) {
            float ls = scores[size];
            int lr = rows[size];
            siftDown(ls, lr);
        }
    }
}
