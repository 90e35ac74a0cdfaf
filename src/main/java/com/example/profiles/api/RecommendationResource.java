package com.example.profiles.api;

import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Metric;
import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.RecommendationService;

import io.smallrye.mutiny.Uni;

/** The top-k books for a user, scored against the pod's in-memory catalog. */
@Path("/v1/users/{user_id}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
public class RecommendationResource {

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    public Uni<Recommendation> recommend(@RestPath("user_id") String userId, @RestQuery String k,
            @RestQuery String metric, @RestQuery String exclude) {
        UserIds.require(userId);
        int topK = QueryParams.intInRange("k", k, 10, 1, ExactSearch.MAX_K);
        return recommendations.recommend(userId, topK, metric(metric), excludeSeen(exclude));
    }

    private static Metric metric(String metric) {
        if (metric == null || metric.isEmpty()) {
            return Metric.DOT;
        }
        return switch (metric.toLowerCase(Locale.ROOT)) {
            case "dot" -> Metric.DOT;
            case "cosine" -> Metric.COSINE;
            default -> throw ProblemException.badRequest("metric must be dot or cosine");
        };
    }

    private static boolean excludeSeen(String exclude) {
        if (exclude == null || exclude.isEmpty()) {
            return false;
        }
        if (!exclude.equals("seen")) {
            throw ProblemException.badRequest("exclude must be 'seen' or absent");
        }
        return true;
    }
}
