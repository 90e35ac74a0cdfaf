package com.example.profiles.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.RecommendationRequestBody;
import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.RecommendationService;

import io.smallrye.mutiny.Uni;

/** The top-k books for a user, ranked exactly against the pod's in-memory catalog under the request's controls. */
@Path("/v1/users/{user_id}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.RECOMMENDATIONS)
public class RecommendationResource {

    private final RecommendationService recommendations;
    private final ApiConfig config;

    public RecommendationResource(RecommendationService recommendations, ApiConfig config) {
        this.recommendations = recommendations;
        this.config = config;
    }

    @GET
    @Operation(operationId = "recommend", summary = "The top-k books for the user's feature vector",
            description = "Exact top-k by the user's vector, under optional filters, exclusions, diversity and paging;"
                    + " with `fallback`, a user without features (or without a profile) gets the cold-start order.")
    @APIResponse(responseCode = "200", description = "Items best first, and what ranked them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Recommendation> recommend(@RestPath("user_id") String userId, @BeanParam RecommendationQuery query) {
        UserIds.require(userId);
        return recommendations.recommend(userId, RecommendationParams.parse(query.raw()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recommendWithBody", summary = "Recommendations, with the controls in a JSON body",
            description = "The same as the GET, for exclusion lists too long for a URL (up to 10,000 ids, within"
                    + " profiles.max-body-bytes).")
    @APIResponse(responseCode = "200", description = "Items best first, and what ranked them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = Recommendation.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Recommendation> recommendWithBody(@RestPath("user_id") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = RecommendationRequestBody.class))) byte[] body) {
        UserIds.require(userId);
        return recommendations.recommend(userId,
                RecommendationParams.parse(RecommendationParams.fromBody(body, config.maxBodyBytes())));
    }
}
