package com.example.profiles.recommend;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.attribution.Answer;
import com.example.profiles.attribution.ServedAnswers;
import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.ranking.Reasons;

import io.smallrye.mutiny.Uni;

/**
 * Recommendations for a user: resolves the request's model once against the current snapshot, reads the user's
 * vectors in the candidate models and past purchases in one GetItem, then ranks the snapshot's items exactly by
 * the first model the user has a vector in, under the request's constraints. A user without features (or
 * without a profile) gets the cold-start order when the request asks for a fallback.
 */
@ApplicationScoped
public class RecommendationService {

    /** Where a profile lists the item ids the user already has (its past behaviour). */
    public static final String PURCHASED = ProfileSignals.PURCHASED;
    private static final List<String> SIGNALS = List.of(ProfileSchema.ATTRIBUTES, ProfileSchema.PURCHASED_ITEMS);

    private final ProfileStore profiles;
    private final CatalogHolder catalogs;
    private final Ranker ranker;
    private final ScoringEngine engine;
    private final ServedAnswers answers;

    public RecommendationService(ProfileStore profiles, CatalogHolder catalogs, Ranker ranker, ScoringEngine engine,
                                 ServedAnswers answers) {
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.ranker = ranker;
        this.engine = engine;
        this.answers = answers;
    }

    public Uni<Recommendation> recommend(String userId, RecommendRequest request) {
        return Uni.createFrom().item(catalogs::requireCurrent).flatMap(catalog -> {
            // a bad filter, max_per or model is the caller's error whoever the user is: checked before the read
            Constraints constraints = Constraints.resolve(catalog, request);
            ModelChoice models = ModelChoice.resolve(catalog, request.model(), userId);
            Set<String> fields = new LinkedHashSet<>(SIGNALS);
            fields.addAll(models.userAttributes());
            return profiles.get(userId, fields)
                    .flatMap(profile -> answer(catalog, userId, profile, models, request, constraints));
        });
    }

    private Uni<Recommendation> answer(Catalog catalog, String userId, ProfileItem profile, ModelChoice models,
                                       RecommendRequest request, Constraints filtered) {
        Order order;
        try {
            order = order(catalog, userId, profile, models, request);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Set<String> purchased = ProfileSignals.purchased(profile);
        Constraints constraints = request.excludeSeen() ? filtered.excluding(catalog, purchased) : filtered;
        return ranker.rank(catalog, order, request, constraints)
                .flatMap(ranking -> reasons(catalog, request, order, purchased, ranking.page())
                        .map(reasons -> {
                            List<Recommendation.ScoredItem> items = Answers.items(catalog, ranking.page(), reasons);
                            return new Recommendation(userId, ranking.model(), items, answers.serve(Answers.served(
                                    Answer.About.USER, userId, ranking.model(), request.offset(), items)));
                        }));
    }

    /**
     * What ranks the catalog for this user: the vector of the first candidate model the user has one in, else the
     * request's cold-start fallback, else a problem.
     */
    private static Order order(Catalog catalog, String userId, ProfileItem profile, ModelChoice models,
                               RecommendRequest request) {
        boolean fallback = request.fallback() != RecommendRequest.Fallback.NONE;
        if (profile == null && !fallback) {
            throw ProblemException.notFound("no profile with id " + userId + "; fallback=popular or"
                    + " fallback=interests answers users the store does not know yet");
        }
        for (String model : models.candidates()) {
            float[] features = profile == null ? null : profile.features(model);
            Embeddings embeddings = catalog.embeddings(model);
            if (features == null || (embeddings == null && catalog.size() > 0)) {
                continue;
            }
            if (embeddings != null && features.length != embeddings.dimension()) {
                throw ProblemException.unprocessable("user " + userId + " has " + features.length
                        + " features in model " + model + "; its embeddings have " + embeddings.dimension());
            }
            Order order = Order.byVector(model, features);
            return model.equals(models.assigned()) ? order : order.assignedTo(models.assigned(),
                    "user " + userId + " has no vector in model " + models.assigned());
        }
        if (!fallback) {
            throw new ProblemException(409, "Conflict", "user " + userId + " has no user_features to score"
                    + (models.explicit() ? " in model " + models.assigned() : "")
                    + "; fallback=popular or fallback=interests answers such users");
        }
        Order coldStart = Order.coldStart(models.assigned(), request.fallback() == RecommendRequest.Fallback.INTERESTS
                ? ProfileSignals.interests(profile) : List.of());
        return coldStart.assignedTo(models.assigned(), null);
    }

    /** With explain=true, the purchased item closest to each recommended one, in the model that scored. */
    private Uni<Reasons.Because[]> reasons(Catalog catalog, RecommendRequest request, Order order, Set<String> purchased,
                                           SearchResult page) {
        if (!request.explain() || order.strategy() != Strategy.VECTOR || page.size() == 0) {
            return Uni.createFrom().nullItem();
        }
        Embeddings embeddings = catalog.embeddings(order.model());
        int[] rows = purchased.stream().map(catalog::rowOf).filter(r -> r != null && embeddings.has(r))
                .mapToInt(Integer::intValue).distinct().sorted().toArray();
        long work = (long) rows.length * page.size() * embeddings.dimension();
        return engine.offload(work, () -> Reasons.because(engine.kernel(), embeddings.matrix(),
                embeddings::matrixRow, request.metric(), page.rows(), rows));
    }
}
