package com.example.profiles.api;

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

import com.example.profiles.openapi.ApiNames;
import com.example.profiles.recommend.SimilarItems;
import com.example.profiles.recommend.SimilarItemsService;

import io.smallrye.mutiny.Uni;

/** "Readers who liked this also liked": what a product page shows. */
@Path("/v1/items/{item_id}/similar")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.RECOMMENDATIONS)
public class SimilarItemsResource {

    private final SimilarItemsService similar;

    public SimilarItemsResource(SimilarItemsService similar) {
        this.similar = similar;
    }

    @GET
    @Operation(operationId = "similarItems", summary = "The items closest to one item",
            description = "Exact top-k by the item's own embedding (the item itself left out), with the same filter,"
                    + " exclusion, diversity and paging controls as the recommendations.")
    @APIResponse(responseCode = "200", description = "Items best first, and what ranked them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SimilarItems.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<SimilarItems> similar(@RestPath("item_id") String itemId,
            @Parameter(description = "How many items to return.", schema = @Schema(type = SchemaType.INTEGER,
                    minimum = "1", maximum = "1000", defaultValue = "10")) @RestQuery String k,
            @Parameter(description = "First position of the exact ordering to return; k + offset <= 1000.",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "999", defaultValue = "0"))
            @RestQuery String offset,
            @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "dot", "cosine" },
                    defaultValue = "dot")) @RestQuery String metric,
            @Parameter(name = "exclude_ids", description = "Comma-separated item ids to leave out; at most 10,000.",
                    example = "book-2,book-3") @RestQuery("exclude_ids") String excludeIds,
            @Parameter(description = "A filter expression, as for the recommendations.",
                    example = "in_stock and language = \"eng\"") @RestQuery String filter,
            @Parameter(name = "max_per", description = "At most N results per value of a text facet: `facet:N`.",
                    example = "authors:1") @RestQuery("max_per") String maxPer) {
        UserIds.requireItem(itemId);
        return similar.similar(itemId, RecommendationParams.parse(new RecommendationParams.Raw(k, offset, metric, null,
                RecommendationParams.splitIds(excludeIds), filter, maxPer, null, null)));
    }
}
