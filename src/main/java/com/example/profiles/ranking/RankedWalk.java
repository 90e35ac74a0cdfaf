package com.example.profiles.ranking;

import java.util.function.BiFunction;

import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.SearchResult;

/**
 * The rounds of a {@link DiversityWalk} over a synchronous ranking: ask for the best rows of the current mask,
 * walk them, and when groups filled up before the page did, ask again among the rows not walked yet.
 */
public final class RankedWalk {

    /** At most this many rows per round, the most an exact search returns at once. */
    public static final int MAX_BATCH = 1000;

    private RankedWalk() {
    }

    /**
     * @param mask   the rows that may be ranked (null: all {@code rows})
     * @param search the best {@code t} rows of a mask, in order, each call ranking under the same order
     * @return positions {@code offset ..} of the walk, as many as it accepted beyond the offset
     */
    public static SearchResult page(DiversityWalk walk, RowMask mask, int rows, int offset,
                                    BiFunction<RowMask, Integer, SearchResult> search) {
        while (rows > 0 && (mask == null || mask.count() > 0)) {
            int t = walk.nextBatchSize(MAX_BATCH);
            SearchResult batch = search.apply(mask, t);
            walk.accept(batch);
            if (walk.done() || batch.size() < t) {
                break;
            }
            mask = walk.remaining(mask, batch, rows);
        }
        return walk.page(offset);
    }
}
