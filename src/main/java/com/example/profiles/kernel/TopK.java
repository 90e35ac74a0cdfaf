package com.example.profiles.kernel;

import java.util.function.IntPredicate;

/**
 * Bounded binary heap keeping the k best (score desc, row asc) entries; the root is the worst kept entry.
 * O(n log k) for n offers, never a full sort of the catalog (only the final k entries are sorted).
 */
final class TopK {

    private final int k;
    private final float[] scores;
    private final int[] rows;
    private int size;

    TopK(int k) {
        this.k = k;
        this.scores = new float[k];
        this.rows = new int[k];
    }

    int size() {
        return size;
    }

    /** True if (score, row) would be kept, i.e. the heap is not full or it beats the current worst. */
    boolean accepts(float score, int row) {
        return size < k || Scores.better(score, row, scores[0], rows[0]);
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
                if (Scores.better(scores[p], rows[p], score, row)) {
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
            if (rc < size && Scores.better(scores[c], rows[c], scores[rc], rows[rc])) {
                c = rc; // pick the worse child
            }
            if (Scores.better(score, row, scores[c], rows[c])) {
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
        TopK copy = new TopK(k, hs, hr, n);
        for (int i = n - 1; i >= 0; i--) {
            r[i] = copy.rows[0];
            s[i] = copy.scores[0];
            copy.popRoot();
        }
        return new SearchResult(r, s);
    }

    private TopK(int k, float[] scores, int[] rows, int size) {
        this.k = k;
        this.scores = scores;
        this.rows = rows;
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
