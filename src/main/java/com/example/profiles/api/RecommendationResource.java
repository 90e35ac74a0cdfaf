package com.example.profiles.api;

import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Metric;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.RecommendationService;

import io.smallrye.mutiny.Uni;

/** The top-k books for a user, scored against the pod's in-memory catalog. */
@Path("/v1/users/{user_id}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.RECOMMENDATIONS)
public class RecommendationResource {

    /** Also the documented default of {@code k}. */
    static final int DEFAULT_K = 10;

    private final RecommendationService recommendations;

    public RecommendationResource(RecommendationService recommendations) {
        this.recommendations = recommendations;
    }

    @GET
    @Operation(operationId = "recommend", summary = "The top-k books for the user's feature vector")
    @APIResponse(responseCode = "200", description = "Items best first, and what scored them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Recommendation> recommend(@RestPath("user_id") String userId,
            @Parameter(schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "" + ExactSearch.MAX_K,
                    defaultValue = "" + DEFAULT_K)) @RestQuery String k,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "dot", "cosine" },
                    defaultValue = "dot")) @RestQuery String metric,
            @Parameter(description = "`seen` leaves out the items the profile lists as seen.",
                    schema = @Schema(type = SchemaType.STRING, enumeration = "seen")) @RestQuery String exclude) {
        UserIds.require(userId);
        int topK = QueryParams.intInRange("k", k, DEFAULT_K, 1, ExactSearch.MAX_K);
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
