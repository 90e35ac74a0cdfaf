package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntPredicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Uni;

/** Reads the user's vector and past purchases, then scores them against the current catalog. */
@ApplicationScoped
public class RecommendationService {

    /** Where a profile lists the item ids the user already has (its past behaviour). */
    public static final String PURCHASED = "purchased";
    private static final Set<String> FIELDS = Set.of(ProfileSchema.FEATURES, ProfileSchema.ATTRIBUTES,
            ProfileSchema.PURCHASED_ITEMS);

    private final ProfileStore profiles;
    private final CatalogService catalogs;
    private final ScoringEngine engine;

    public RecommendationService(ProfileStore profiles, CatalogService catalogs, ScoringEngine engine) {
        this.profiles = profiles;
        this.catalogs = catalogs;
        this.engine = engine;
    }

    public Uni<Recommendation> recommend(String userId, int k, Metric metric, boolean excludeSeen) {
        return Uni.createFrom().item(catalogs::requireCurrent).flatMap(catalog -> recommend(catalog, userId, k, metric,
                excludeSeen));
    }

    private Uni<Recommendation> recommend(Catalog catalog, String userId, int k, Metric metric, boolean excludeSeen) {
        return profiles.get(userId, FIELDS).flatMap(profile -> {
            if (profile == null) {
                return Uni.createFrom().failure(ProblemException.notFound("no profile with id " + userId));
            }
            float[] features = profile.getFeatures();
            if (features == null) {
                return Uni.createFrom().failure(new ProblemException(409, "Conflict",
                        "user " + userId + " has no user_features to score"));
            }
            if (catalog.size() == 0) {
                return Uni.createFrom().item(answer(userId, catalog, metric, null));
            }
            if (features.length != catalog.dimension()) {
                return Uni.createFrom().failure(ProblemException.unprocessable("user " + userId + " has "
                        + features.length + " features; the catalog's embeddings have " + catalog.dimension()));
            }
            IntPredicate excluded = excludeSeen ? seenRows(profile, catalog) : null;
            return engine.topK(catalog, features, metric, k, excluded)
                    .map(result -> answer(userId, catalog, metric, result));
        });
    }

    private Recommendation answer(String userId, Catalog catalog, Metric metric, TopKOutcome scored) {
        List<Recommendation.ScoredItem> items = new ArrayList<>();
        if (scored != null) {
            SearchResult result = scored.result();
            for (int i = 0; i < result.size(); i++) {
                int row = result.rows()[i];
                items.add(new Recommendation.ScoredItem(catalog.itemIds()[row], catalog.titles()[row], result.scores()[i]));
            }
        }
        String precision = scored != null && scored.fallback() ? Precision.FLOAT32.label() : catalog.precision().label();
        return new Recommendation(userId, new Recommendation.Model(catalog.dimension(), catalog.version(),
                engine.kernel().name(), metric.name().toLowerCase(Locale.ROOT), precision,
                scored == null ? 0 : scored.candidates()), items);
    }

    /** Rows of the items the profile says the user has (see {@link ProfileItem#purchasedIds()}); ids not in the catalog are ignored. */
    private static IntPredicate seenRows(ProfileItem profile, Catalog catalog) {
        Set<Integer> rows = new HashSet<>();
        for (String id : profile.purchasedIds()) {
            Integer row = catalog.rowById().get(id);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows.isEmpty() ? null : rows::contains;
    }
}
