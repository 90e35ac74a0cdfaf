package com.example.profiles.recommend;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;
import com.example.profiles.ranking.DiversityWalk;
import com.example.profiles.ranking.PopularityRanking;
import com.example.profiles.ranking.RankedWalk;

import io.smallrye.mutiny.Uni;

/**
 * Positions {@code offset .. offset+k-1} of an exact ranking under a request's constraints. The filter and
 * exclusions go inside the scan (rows failing them are never candidates); {@code max_per} walks the exact
 * order: each round asks the scan for the best rows not walked yet, skipping groups already full, until
 * enough rows are accepted or none are left. Without {@code max_per} that is one round.
 */
final class ConstrainedSearch {

    /** One page of a ranking, and what producing it cost. */
    record Ranked(SearchResult page, long candidates, boolean fallback) {
    }

    private ConstrainedSearch() {
    }

    /** By the vector's exact score. */
    static Uni<Ranked> byVector(ScoringEngine engine, Catalog catalog, float[] query, Metric metric, Constraints c,
                                int offset, int k) {
        DiversityWalk walk = new DiversityWalk(offset + k, c.grouping());
        return vectorRound(engine, catalog, query, metric, c, c.mask(), walk, new Ranked(null, 0, false), offset);
    }

    private static Uni<Ranked> vectorRound(ScoringEngine engine, Catalog catalog, float[] query, Metric metric,
                                           Constraints c, RowMask mask, DiversityWalk walk, Ranked sofar, int offset) {
        if (catalog.size() == 0 || (mask != null && mask.count() == 0)) {
            return Uni.createFrom().item(new Ranked(walk.page(offset), sofar.candidates(), sofar.fallback()));
        }
        int t = walk.nextBatchSize(RankedWalk.MAX_BATCH);
        return engine.topK(catalog, new TopKQuery(query, metric, t, c.excluded(), mask)).flatMap(outcome -> {
            Ranked now = new Ranked(null, sofar.candidates() + outcome.candidates(),
                    sofar.fallback() || outcome.fallback());
            walk.accept(outcome.result());
            if (walk.done() || outcome.result().size() < t) {
                return Uni.createFrom().item(new Ranked(walk.page(offset), now.candidates(), now.fallback()));
            }
            RowMask next = walk.remaining(mask, outcome.result(), catalog.size());
            return vectorRound(engine, catalog, query, metric, c, next, walk, now, offset);
        });
    }

    /** By popularity (cold start); {@code ranking} holds the order. Pure CPU work: the caller offloads it. */
    static Ranked byPopularity(Catalog catalog, PopularityRanking ranking, Constraints c, int offset, int k) {
        SearchResult page = RankedWalk.page(new DiversityWalk(offset + k, c.grouping()), c.mask(), catalog.size(), offset,
                (mask, t) -> ranking.top(mask, c.excluded(), t, catalog.size()));
        return new Ranked(page, 0, false);
    }
}
