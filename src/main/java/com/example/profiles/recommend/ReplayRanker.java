package com.example.profiles.recommend;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.SearchResult;

/**
 * The service's ranking for replaying past requests offline: the {@link Ranker}'s pipeline (filter, exclusions,
 * {@code max_per}, exact order) as a request with {@code exclude=seen} would get it, computed in the calling thread
 * so that background work keeps to its own thread. A {@link Plan} resolves the model and the constraints once per
 * snapshot; each user then differs only by vector and seen items.
 */
@ApplicationScoped
public class ReplayRanker {

    private final Ranker ranker;

    public ReplayRanker(Ranker ranker) {
        this.ranker = ranker;
    }

    /**
     * What every user of one replay is ranked under.
     *
     * @param constraints the filter and grouping, over all rows
     * @param modelRows   the same, over the rows with a vector in the model only (what a vector ranking may rank)
     */
    public record Plan(Catalog catalog, String model, RecommendRequest request, Constraints constraints,
                       Constraints modelRows) {

        public int dimension() {
            return catalog.embeddings(model).dimension();
        }
    }

    /**
     * @param depth how many positions each ranking returns (1..1000)
     * @throws com.example.profiles.error.ProblemException 404 when the snapshot has no item vectors of the model
     *                                                     (or it is retired), 400 for a filter or max_per that does
     *                                                     not fit the catalog
     */
    public Plan plan(Catalog catalog, String model, int depth, Metric metric, String filter,
                     RecommendRequest.MaxPer maxPer) {
        ModelChoice.resolve(catalog, model, null);
        RecommendRequest request = new RecommendRequest(depth, 0, metric, true, List.of(), filter, maxPer, false,
                RecommendRequest.Fallback.NONE);
        Constraints constraints = Constraints.resolve(catalog, request);
        Embeddings embeddings = catalog.embeddings(model);
        var rows = embeddings.candidates(constraints.rows());
        Constraints modelRows = new Constraints(rows, rows == null ? catalog.size() : rows.count(),
                constraints.grouping(), constraints.filterShare());
        return new Plan(catalog, model, request, constraints, modelRows);
    }

    /** The rows the user's vector ranks first, best first, leaving out the {@code seen} item ids. */
    public int[] byVector(Plan plan, float[] vector, Collection<String> seen) {
        return rows(ranker.rankHere(plan.catalog(), Order.byVector(plan.model(), vector), null, plan.request(),
                plan.constraints().excluding(plan.catalog(), seen)));
    }

    /**
     * The rows of highest {@code popularity} (per row; ties by row, that is by item id) among the rows the model
     * has vectors for, best first, leaving out the {@code seen} item ids.
     */
    public int[] byPopularity(Plan plan, double[] popularity, Collection<String> seen) {
        return rows(ranker.rankHere(plan.catalog(), Order.coldStart(plan.model(), List.of()), popularity,
                plan.request(), plan.modelRows().excluding(plan.catalog(), seen)));
    }

    private static int[] rows(SearchResult result) {
        return result.rows();
    }
}
