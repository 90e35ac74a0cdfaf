package com.example.profiles.recommend;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.attribution.Answer;
import com.example.profiles.attribution.ServedAnswers;
import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * "Readers who liked this also liked": the exact top-k by one catalog item's own embedding, itself excluded, in
 * the request's model or the one with the largest share of traffic.
 */
@ApplicationScoped
public class SimilarItemsService {

    private final CatalogHolder catalogs;
    private final Ranker ranker;
    private final ServedAnswers answers;

    public SimilarItemsService(CatalogHolder catalogs, Ranker ranker, ServedAnswers answers) {
        this.catalogs = catalogs;
        this.ranker = ranker;
        this.answers = answers;
    }

    public Uni<SimilarItems> similar(String itemId, RecommendRequest request) {
        return Uni.createFrom().item(catalogs::requireCurrent).flatMap(catalog -> similar(catalog, itemId, request));
    }

    private Uni<SimilarItems> similar(Catalog catalog, String itemId, RecommendRequest request) {
        Constraints filtered = Constraints.resolve(catalog, request);
        ModelChoice models = ModelChoice.resolve(catalog, request.model(), null);
        Integer row = catalog.rowOf(itemId);
        if (row == null) {
            return Uni.createFrom().failure(ProblemException.notFound("no item with id " + itemId
                    + " in the loaded catalog (version " + catalog.version() + ")"));
        }
        String model = models.assigned();
        Embeddings embeddings = catalog.embeddings(model);
        if (embeddings == null || !embeddings.has(row)) {
            return Uni.createFrom().failure(new ProblemException(409, "Conflict", "item " + itemId
                    + " has no vector in model " + model + "; name another model with model="));
        }
        Constraints constraints = filtered.excluding(catalog, List.of(), row);
        return ranker.rank(catalog, Order.byVector(model, embeddings.vector(row)), request, constraints)
                .map(ranking -> {
                    List<Recommendation.ScoredItem> items = Answers.items(catalog, ranking.page(), null);
                    return new SimilarItems(itemId, ranking.model(), items, answers.serve(Answers.served(
                            Answer.About.ITEM, itemId, ranking.model(), request.offset(), items)));
                });
    }
}
