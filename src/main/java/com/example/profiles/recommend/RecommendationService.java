package com.example.profiles.recommend;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.error.ProblemException;
import com.example.profiles.facet.Filter;
import com.example.profiles.facet.FilterException;
import com.example.profiles.facet.RowSet;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.ranking.PopularityRanking;
import com.example.profiles.ranking.Reasons;

import io.smallrye.mutiny.Uni;

/**
 * Recommendations for a user: reads the user's vector and past purchases in one GetItem, then ranks the
 * current catalog exactly under the request's constraints. A user without features (or without a profile)
 * gets the cold-start order when the request asks for a fallback.
 */
@ApplicationScoped
public class RecommendationService {

    /** Where a profile lists the item ids the user already has (its past behaviour). */
    public static final String PURCHASED = ProfileSignals.PURCHASED;
    /** The facet that orders a cold-start answer. */
    static final String POPULARITY = "popularity";
    /** The facet a profile's interests are matched against. */
    static final String GENRES = "genres";
    private static final Set<String> FIELDS = Set.of(ProfileSchema.FEATURES, ProfileSchema.ATTRIBUTES,
            ProfileSchema.PURCHASED_ITEMS);

    private final ProfileStore profiles;
    private final CatalogService catalogs;
    private final ScoringEngine engine;
    private final ScoringMetrics metrics;

    public RecommendationService(ProfileStore profiles, CatalogService catalogs, ScoringEngine engine,
                                 ScoringMetrics metrics) {
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.engine = engine;
        this.metrics = metrics;
    }

    public Uni<Recommendation> recommend(String userId, RecommendRequest request) {
        return Uni.createFrom().item(catalogs::requireCurrent).flatMap(catalog -> {
            // a bad filter or max_per is the caller's error whoever the user is: checked before the read
            Constraints constraints = Constraints.resolve(catalog, request);
            return profiles.get(userId, FIELDS).flatMap(profile -> answer(catalog, userId, profile, request, constraints));
        });
    }

    private Uni<Recommendation> answer(Catalog catalog, String userId, ProfileItem profile, RecommendRequest request,
                                       Constraints filtered) {
        if (profile == null && request.fallback() == RecommendRequest.Fallback.NONE) {
            return Uni.createFrom().failure(ProblemException.notFound("no profile with id " + userId));
        }
        float[] features = profile == null ? null : profile.getFeatures();
        if (features == null && request.fallback() == RecommendRequest.Fallback.NONE) {
            return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                    "user " + userId + " has no user_features to score; fallback=popular or fallback=interests"
                            + " answers such users"));
        }
        if (features != null && catalog.size() > 0 && features.length != catalog.dimension()) {
            return Uni.createFrom().failure(ProblemException.unprocessable("user " + userId + " has "
                    + features.length + " features; the catalog's embeddings have " + catalog.dimension()));
        }
        Set<String> purchased = ProfileSignals.purchased(profile);
        Constraints constraints = request.excludeSeen() ? filtered.excluding(catalog, purchased, List.of()) : filtered;
        if (request.filter() != null) {
            metrics.filterSelectivity(constraints.selectivity(catalog.size()));
        }
        if (features == null) {
            return coldStart(catalog, userId, profile, request, constraints);
        }
        metrics.strategy("vector");
        metrics.scan(ScoringEngine.scanStrategy(catalog, constraints.mask()));
        return ConstrainedSearch.byVector(engine, catalog, features, request.metric(), constraints, request.offset(),
                        request.k())
                .flatMap(ranked -> reasons(catalog, request, purchased, ranked)
                        .map(reasons -> new Recommendation(userId, Answers.model(catalog, engine.kernel().name(), request,
                                "vector", ranked, constraints), Answers.items(catalog, ranked.page(), reasons))));
    }

    private Uni<Recommendation> coldStart(Catalog catalog, String userId, ProfileItem profile, RecommendRequest request,
                                          Constraints constraints) {
        List<String> interests = request.fallback() == RecommendRequest.Fallback.INTERESTS
                ? ProfileSignals.interests(profile) : List.of();
        String strategy = interests.isEmpty() ? "popular" : "interests";
        metrics.strategy(strategy);
        PopularityRanking ranking = new PopularityRanking(catalog.facets().numbers(POPULARITY),
                interests.isEmpty() ? null : interestRows(catalog, interests));
        return engine.offload(catalog.size(),
                        () -> ConstrainedSearch.byPopularity(catalog, ranking, constraints, request.offset(), request.k()))
                .map(ranked -> new Recommendation(userId, Answers.model(catalog, engine.kernel().name(), request,
                        strategy, ranked, constraints), Answers.items(catalog, ranked.page(), null)));
    }

    /** Rows whose genres meet one of the interests; none when the catalog keeps no text genres. */
    private static long[] interestRows(Catalog catalog, List<String> interests) {
        List<Filter.Literal> values = interests.stream().map(i -> (Filter.Literal) new Filter.Text(i, 1)).toList();
        try {
            RowSet rows = catalog.facets().evaluate(new Filter.In(new Filter.Facet(GENRES, 1), values));
            return rows.words();
        } catch (FilterException e) {
            return null;
        }
    }

    /** With explain=true, the purchased item closest to each recommended one, from the vectors in memory. */
    private Uni<Reasons.Because[]> reasons(Catalog catalog, RecommendRequest request, Set<String> purchased,
                                           ConstrainedSearch.Ranked ranked) {
        if (!request.explain() || ranked.page().size() == 0) {
            return Uni.createFrom().nullItem();
        }
        int[] rows = purchased.stream().map(catalog::rowOf).filter(r -> r != null)
                .mapToInt(Integer::intValue).distinct().sorted().toArray();
        long work = (long) rows.length * ranked.page().size() * catalog.dimension();
        return engine.offload(work, () -> Reasons.because(engine.kernel(), catalog.matrix(), request.metric(),
                ranked.page().rows(), rows));
    }
}
