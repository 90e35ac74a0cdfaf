package com.example.profiles.recommend;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;
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
    private static final Set<String> FIELDS = Set.of(ProfileSchema.FEATURES, ProfileSchema.ATTRIBUTES,
            ProfileSchema.PURCHASED_ITEMS);

    private final ProfileStore profiles;
    private final CatalogHolder catalogs;
    private final Ranker ranker;
    private final ScoringEngine engine;

    public RecommendationService(ProfileStore profiles, CatalogHolder catalogs, Ranker ranker, ScoringEngine engine) {
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.ranker = ranker;
        this.engine = engine;
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
        Order order;
        try {
            order = order(catalog, userId, profile, request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Set<String> purchased = ProfileSignals.purchased(profile);
        Constraints constraints = request.excludeSeen() ? filtered.excluding(catalog, purchased) : filtered;
        return ranker.rank(catalog, order, request, constraints)
                .flatMap(ranking -> reasons(catalog, request, order, purchased, ranking.page())
                        .map(reasons -> new Recommendation(userId, ranking.model(),
                                Answers.items(catalog, ranking.page(), reasons))));
    }

    /** What ranks the catalog for this user: the features, else the request's cold-start fallback, else a problem. */
    private static Order order(Catalog catalog, String userId, ProfileItem profile, RecommendRequest request) {
        boolean fallback = request.fallback() != RecommendRequest.Fallback.NONE;
        if (profile == null && !fallback) {
            throw ProblemException.notFound("no profile with id " + userId);
        }
        float[] features = profile == null ? null : profile.getFeatures();
        if (features == null) {
            if (!fallback) {
                throw new ProblemException(409, "Conflict", "user " + userId + " has no user_features to score;"
                        + " fallback=popular or fallback=interests answers such users");
            }
            return Order.coldStart(request.fallback() == RecommendRequest.Fallback.INTERESTS
                    ? ProfileSignals.interests(profile) : List.of());
        }
        if (catalog.size() > 0 && features.length != catalog.dimension()) {
            throw ProblemException.unprocessable("user " + userId + " has " + features.length
                    + " features; the catalog's embeddings have " + catalog.dimension());
        }
        return Order.byVector(features);
    }

    /** With explain=true, the purchased item closest to each recommended one, from the vectors in memory. */
    private Uni<Reasons.Because[]> reasons(Catalog catalog, RecommendRequest request, Order order, Set<String> purchased,
                                           SearchResult page) {
        if (!request.explain() || order.strategy() != Strategy.VECTOR || page.size() == 0) {
            return Uni.createFrom().nullItem();
        }
        int[] rows = purchased.stream().map(catalog::rowOf).filter(r -> r != null)
                .mapToInt(Integer::intValue).distinct().sorted().toArray();
        long work = (long) rows.length * page.size() * catalog.dimension();
        return engine.offload(work, () -> Reasons.because(engine.kernel(), catalog.embeddings().matrix(),
                request.metric(), page.rows(), rows));
    }
}
