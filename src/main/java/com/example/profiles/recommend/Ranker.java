package com.example.profiles.recommend;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.facet.Filter;
import com.example.profiles.facet.FilterException;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.kernel.ScanStrategy;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;
import com.example.profiles.ranking.DiversityWalk;
import com.example.profiles.ranking.PopularityRanking;

import io.smallrye.mutiny.Uni;

/**
 * The one ranking pipeline of recommendations and similar items: positions {@code offset .. offset+k-1} of an
 * exact order under a request's constraints, and the answer's model block. The filter and exclusions go inside
 * the search (rows failing them are never candidates); {@code max_per} walks the exact order: each round asks
 * the search for the best rows not walked yet, skipping groups already full, until enough rows are accepted or
 * none are left. Without {@code max_per} that is one round.
 */
@ApplicationScoped
public class Ranker {

    /** The facet that orders a cold-start answer. */
    static final String POPULARITY = "popularity";
    /** The facet a profile's interests are matched against. */
    static final String GENRES = "genres";
    private static final SearchResult EMPTY = new SearchResult(new int[0], new float[0]);
    /** At most this many rows per round, the most an exact search returns at once. */
    static final int MAX_BATCH = 1000;

    private final ScoringEngine engine;
    private final ScoringMetrics metrics;

    public Ranker(ScoringEngine engine, ScoringMetrics metrics) {
        this.engine = engine;
        this.metrics = metrics;
    }

    /** One page of a ranking, and the answer's description of how it was made. */
    record Ranking(SearchResult page, Recommendation.Model model) {
    }

    /** The best rows of a mask, in order, each round ranking under the same order. */
    @FunctionalInterface
    private interface RoundSearch {
        Uni<Round> best(RowMask mask, int t);
    }

    /**
     * What one round found, and what it cost; for rounds taken together, {@code scan} is {@code pruned} only when
     * every round was pruned, else the first other round's way (null: no vector search).
     */
    private record Round(SearchResult rows, long candidates, boolean fallback, ScanStrategy scan, long scanned,
                         long clustersPruned) {

        Round(SearchResult rows) {
            this(rows, 0, false, null, 0, 0);
        }

        static Round of(TopKOutcome outcome) {
            return new Round(outcome.result(), outcome.candidates(), outcome.fallback(), outcome.scan(),
                    outcome.scanned(), outcome.clustersPruned());
        }

        /** The cost of this round and {@code next} together (the rows are {@code next}'s). */
        Round plus(Round next) {
            ScanStrategy both = scan == null || (scan == ScanStrategy.PRUNED && next.scan != null) ? next.scan : scan;
            return new Round(next.rows, candidates + next.candidates, fallback || next.fallback, both,
                    scanned + next.scanned, clustersPruned + next.clustersPruned);
        }
    }

    Uni<Ranking> rank(Catalog catalog, Order order, RecommendRequest request, Constraints constraints) {
        if (request.filter() != null) {
            metrics.filterSelectivity(constraints.filterShare());
        }
        metrics.strategy(order.strategy());
        metrics.request(order.model(), order.assigned());
        Embeddings embeddings = catalog.embeddings(order.model());
        RowMask rows = constraints.rows();
        int passed = constraints.passed();
        RoundSearch search;
        if (order.strategy() == Strategy.VECTOR && embeddings == null) {
            search = (mask, t) -> Uni.createFrom().item(new Round(EMPTY)); // an empty catalog
        } else if (order.strategy() == Strategy.VECTOR) {
            // items without a vector in this model are never its candidates
            rows = embeddings.candidates(rows);
            passed = rows == null ? catalog.size() : rows.count();
            search = vectorSearch(embeddings, order.vector(), request, rows);
        } else {
            search = popularitySearch(catalog, order);
        }
        DiversityWalk walk = new DiversityWalk(request.offset() + request.k(), constraints.grouping());
        int passing = passed;
        boolean vector = order.strategy() == Strategy.VECTOR;
        return walk(catalog.size(), walk, search, rows, new Round(null))
                .map(spent -> {
                    if (vector && spent.scan() != null) {
                        metrics.scan(spent.scan(), spent.scanned(), spent.clustersPruned());
                    }
                    return new Ranking(walk.page(request.offset()),
                            model(catalog, embeddings, order, request, passing, spent));
                });
    }

    /**
     * The same ranking as {@link #rank}, computed in the calling thread (every round scored there, nothing handed
     * to the scoring pools) and not counted in the request metrics: the offline evaluation replays the service's
     * ranking through this. A vector order ranks by the vector; any other order by {@code popularity} per row
     * (ties by row), in place of the catalog's popularity facet.
     */
    SearchResult rankHere(Catalog catalog, Order order, double[] popularity, RecommendRequest request,
                          Constraints constraints) {
        Embeddings embeddings = catalog.embeddings(order.model());
        RowMask rows = constraints.rows();
        RoundSearch search;
        if (order.strategy() == Strategy.VECTOR) {
            if (embeddings == null) {
                return EMPTY;
            }
            rows = embeddings.candidates(rows);
            float[] vector = order.vector();
            search = (mask, t) -> Uni.createFrom().item(() -> {
                return Round.of(engine.topKHere(embeddings, new TopKQuery(vector, request.metric(), t, null, mask)));
            });
        } else {
            PopularityRanking ranking = new PopularityRanking(popularity, null);
            search = (mask, t) -> Uni.createFrom().item(() -> new Round(ranking.top(mask, t, catalog.size())));
        }
        DiversityWalk walk = new DiversityWalk(request.offset() + request.k(), constraints.grouping());
        // every round completes in this thread, so the chain has completed when await returns
        walk(catalog.size(), walk, search, rows, new Round(null)).await().indefinitely();
        return walk.page(request.offset());
    }

    private RoundSearch vectorSearch(Embeddings embeddings, float[] vector, RecommendRequest request, RowMask rows) {
        return (mask, t) -> engine.topK(embeddings, new TopKQuery(vector, request.metric(), t, null, mask))
                .map(Round::of);
    }

    private RoundSearch popularitySearch(Catalog catalog, Order order) {
        PopularityRanking ranking = new PopularityRanking(catalog.facets().numbers(POPULARITY),
                order.strategy() == Strategy.INTERESTS ? interestRows(catalog, order.interests()) : null);
        return (mask, t) -> engine.offload(catalog.size(), () -> new Round(ranking.top(mask, t, catalog.size())));
    }

    /** The rounds of the walk; the item is what all rounds cost together. */
    private static Uni<Round> walk(int rows, DiversityWalk walk, RoundSearch search, RowMask mask, Round spent) {
        if (rows == 0 || (mask != null && mask.count() == 0)) {
            return Uni.createFrom().item(spent);
        }
        int t = walk.nextBatchSize(MAX_BATCH);
        return search.best(mask, t).flatMap(round -> {
            Round sofar = spent.plus(round);
            walk.accept(round.rows());
            if (walk.done() || round.rows().size() < t) {
                return Uni.createFrom().item(sofar);
            }
            return walk(rows, walk, search, walk.remaining(mask, round.rows(), rows), sofar);
        });
    }

    /** Rows whose genres meet one of the interests; none when the catalog keeps no text genres. */
    private static long[] interestRows(Catalog catalog, List<String> interests) {
        List<Filter.Literal> values = interests.stream().map(i -> (Filter.Literal) new Filter.Text(i, 1)).toList();
        try {
            return catalog.facets().evaluate(new Filter.In(new Filter.Facet(GENRES, 1), values)).words();
        } catch (FilterException e) {
            return null;
        }
    }

    private Recommendation.Model model(Catalog catalog, Embeddings embeddings, Order order, RecommendRequest request,
                                       int passed, Round spent) {
        Precision precision = spent.fallback() || embeddings == null ? Precision.FLOAT32 : embeddings.precision();
        return new Recommendation.Model(order.model(), order.assigned(), order.fallbackReason(),
                embeddings == null ? 0 : embeddings.dimension(), catalog.version(), engine.kernel().name(),
                request.metric().name().toLowerCase(Locale.ROOT), precision.label(), spent.candidates(),
                spent.scan() == null ? null : spent.scan().label(), spent.scanned(), order.strategy().label(),
                Answers.constraints(request), passed);
    }
}
