package com.example.profiles.api;

import static com.example.profiles.recommend.RequestControl.Endpoint.RECOMMENDATIONS;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.api.request.RankingControls;
import com.example.profiles.input.Ids;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.RecommendationService;

import io.smallrye.mutiny.Uni;

/**
 * The top-k books for a user, ranked exactly against the pod's in-memory catalog under the request's controls
 * (the table {@link com.example.profiles.recommend.RequestControls} names them, parses them and, through the
 * {@code x-controls} extension, documents them).
 */
@Path("/v1/users/{user_id}/recommendations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.RECOMMENDATIONS)
@APIResponse(responseCode = "200", description = "Items best first, and what ranked them.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Recommendation.class)))
@APIResponse(responseCode = "404", ref = "NotFound")
@APIResponse(responseCode = "409", ref = "Conflict")
@APIResponse(responseCode = "422", ref = "Unprocessable")
public class RecommendationResource {

    private final RecommendationService recommendations;
    private final RankingControls controls;

    public RecommendationResource(RecommendationService recommendations, RankingControls controls) {
        this.recommendations = recommendations;
        this.controls = controls;
    }

    @GET
    @Operation(operationId = "recommend", summary = "The top-k books for the user's feature vector",
            description = "Exact top-k by the user's vector, under optional filters, exclusions, diversity and paging;"
                    + " with `fallback`, a user without features (or without a profile) gets the cold-start order.",
            extensions = @Extension(name = ApiNames.CONTROLS, value = "RECOMMENDATIONS"))
    public Uni<Recommendation> recommend(@RestPath("user_id") String userId, @Context UriInfo query) {
        return recommendations.recommend(Ids.user(userId), controls.fromQuery(RECOMMENDATIONS, query));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recommendWithBody", summary = "Recommendations, with the controls in a JSON body",
            description = "The same as the GET, for exclusion lists too long for a URL (up to 10,000 ids, within"
                    + " profiles.max-body-bytes).",
            extensions = @Extension(name = ApiNames.CONTROLS, value = "RECOMMENDATIONS"))
    public Uni<Recommendation> recommendWithBody(@RestPath("user_id") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = ApiNames.RECOMMENDATION_REQUEST))) byte[] body) {
        return recommendations.recommend(Ids.user(userId), controls.fromBody(RECOMMENDATIONS, body));
    }
}
