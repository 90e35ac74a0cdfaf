package com.example.profiles.api;

import static com.example.profiles.recommend.RequestControl.Endpoint.SIMILAR_ITEMS;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.api.request.RankingControls;
import com.example.profiles.input.Ids;
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
    private final RankingControls controls;

    public SimilarItemsResource(SimilarItemsService similar, RankingControls controls) {
        this.similar = similar;
        this.controls = controls;
    }

    @GET
    @Operation(operationId = "similarItems", summary = "The items closest to one item",
            description = "Exact top-k by the item's own embedding (the item itself left out), with the same filter,"
                    + " exclusion, diversity and paging controls as the recommendations.",
            extensions = @Extension(name = ApiNames.CONTROLS, value = "SIMILAR_ITEMS"))
    @APIResponse(responseCode = "200", description = "Items best first, and what ranked them.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SimilarItems.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<SimilarItems> similar(@RestPath("item_id") String itemId, @Context UriInfo query) {
        return similar.similar(Ids.item(itemId), controls.fromQuery(SIMILAR_ITEMS, query));
    }
}
