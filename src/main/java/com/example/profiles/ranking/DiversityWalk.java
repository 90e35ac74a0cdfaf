package com.example.profiles.ranking;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;

import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.SearchResult;

/**
 * Walks an exact ranking in order and keeps the first {@code need} rows whose group is not yet full, so the
 * answer is exactly "the exact order, skipping items whose group is full" (without a grouping, simply the
 * first {@code need} rows). The ranking arrives in batches: each batch must be the best rows of what the
 * previous {@link #remaining} mask let through, in order. Rows of a full group can never be accepted again,
 * so {@link #remaining} also drops them: a later batch is not wasted on them.
 */
public final class DiversityWalk {

    private final int need;
    private final Grouping grouping;
    private final Map<Integer, Integer> perGroup = new HashMap<>();
    private final int[] rows;
    private final float[] scores;
    private int accepted;

    public DiversityWalk(int need, Grouping grouping) {
        this.need = need;
        this.grouping = grouping;
        this.rows = new int[need];
        this.scores = new float[need];
    }

    /**
     * How many rows to ask for next: the rest of {@code need}, plus room for rows a full group skips. Generous,
     * because a short round costs a whole extra scan while a longer top list costs almost nothing: similar
     * items cluster by author and series, so the best rows often hold several of a few groups (RecommendBench:
     * 2 rounds with 2x, 1 with 4x).
     */
    public int nextBatchSize(int maxBatch) {
        int missing = need - accepted;
        if (grouping == null) {
            return Math.min(maxBatch, missing);
        }
        return Math.min(maxBatch, Math.max(4 * missing, missing + 32));
    }

    /** Takes the next rows of the ranking, best first. */
    public void accept(SearchResult batch) {
        for (int i = 0; i < batch.size() && accepted < need; i++) {
            int row = batch.rows()[i];
            if (grouping != null) {
                int group = grouping.groups()[row];
                if (group >= 0) {
                    int taken = perGroup.getOrDefault(group, 0);
                    if (taken >= grouping.maxPer()) {
                        continue;
                    }
                    perGroup.put(group, taken + 1);
                }
            }
            rows[accepted] = row;
            scores[accepted] = batch.scores()[i];
            accepted++;
        }
    }

    public boolean done() {
        return accepted == need;
    }

    /**
     * The rows a next batch may come from: those of {@code current} (null: all {@code rowCount} rows) minus
     * {@code batch}'s rows (already walked) minus every row of a full group.
     */
    public RowMask remaining(RowMask current, SearchResult batch, int rowCount) {
        long[] words = (current == null ? RowMask.all(rowCount) : current).words().clone();
        for (int row : batch.rows()) {
            words[row >>> 6] &= ~(1L << row);
        }
        BitSet full = new BitSet();
        perGroup.forEach((group, taken) -> {
            if (taken >= grouping.maxPer()) {
                full.set(group);
            }
        });
        if (!full.isEmpty()) {
            int[] groups = grouping.groups();
            for (int row = 0; row < rowCount; row++) {
                int group = groups[row];
                if (group >= 0 && full.get(group)) {
                    words[row >>> 6] &= ~(1L << row);
                }
            }
        }
        return RowMask.of(words);
    }

    /** Positions {@code offset ..} of the accepted rows (fewer when the ranking ran out). */
    public SearchResult page(int offset) {
        int from = Math.min(offset, accepted);
        return new SearchResult(Arrays.copyOfRange(rows, from, accepted), Arrays.copyOfRange(scores, from, accepted));
    }
}
