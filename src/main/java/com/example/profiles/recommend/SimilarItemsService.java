package com.example.profiles.recommend;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/** "Readers who liked this also liked": the exact top-k by one catalog item's own embedding, itself excluded. */
@ApplicationScoped
public class SimilarItemsService {

    private final CatalogService catalogs;
    private final ScoringEngine engine;
    private final ScoringMetrics metrics;

    public SimilarItemsService(CatalogService catalogs, ScoringEngine engine, ScoringMetrics metrics) {
        this.catalogs = catalogs;
        this.engine = engine;
        this.metrics = metrics;
    }

    public Uni<SimilarItems> similar(String itemId, RecommendRequest request) {
        return Uni.createFrom().item(catalogs::requireCurrent).flatMap(catalog -> similar(catalog, itemId, request));
    }

    private Uni<SimilarItems> similar(Catalog catalog, String itemId, RecommendRequest request) {
        Constraints filtered = Constraints.resolve(catalog, request);
        Integer row = catalog.rowOf(itemId);
        if (row == null) {
            return Uni.createFrom().failure(ProblemException.notFound("no item with id " + itemId
                    + " in the loaded catalog (version " + catalog.version() + ")"));
        }
        Constraints constraints = filtered.excluding(catalog, List.of(), List.of(row));
        if (request.filter() != null) {
            metrics.filterSelectivity(constraints.selectivity(catalog.size()));
        }
        metrics.strategy("vector");
        metrics.scan(ScoringEngine.scanStrategy(catalog, constraints.mask()));
        return ConstrainedSearch.byVector(engine, catalog, catalog.matrix().row(row), request.metric(), constraints,
                        request.offset(), request.k())
                .map(ranked -> new SimilarItems(itemId, Answers.model(catalog, engine.kernel().name(), request, "vector",
                        ranked, constraints), Answers.items(catalog, ranked.page(), null)));
    }
}
