package com.example.profiles.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.api.request.ItemVectorRequests;
import com.example.profiles.api.view.ItemVectorView;
import com.example.profiles.catalog.ItemVector;
import com.example.profiles.catalog.ItemVectorService;
import com.example.profiles.model.ModelNames;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.ItemVectorWriteBody;

import io.smallrye.mutiny.Uni;

/** One item's vector in one model. Bulk loads go through {@code POST /v1/models/{model}/items/import}. */
@Path("/v1/models/{model}/items/{item_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.MODELS)
public class ModelItemResource {

    private final ItemVectorService vectors;
    private final ItemVectorRequests requests;

    public ModelItemResource(ItemVectorService vectors, ItemVectorRequests requests) {
        this.vectors = vectors;
        this.requests = requests;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putItemVector", summary = "Set an existing item's vector in a model",
            description = "The item's title, authors, attributes and its vectors in other models stay as they are; for"
                    + " default this is the item's embedding, as /v1/items writes it. Every pod loads it at its next"
                    + " catalog refresh. 404 when the model or the item does not exist, 409 when the model is retired,"
                    + " 422 when the vector has another dimension than the model.")
    @APIResponse(responseCode = "200", description = "The item's vector in the model was replaced.",
            content = @Content(schema = @Schema(implementation = ItemVectorView.class)))
    @APIResponse(responseCode = "201", description = "The item had no vector in the model; now it has.",
            content = @Content(schema = @Schema(implementation = ItemVectorView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> put(@RestPath("model") String model, @RestPath("item_id") String itemId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ItemVectorWriteBody.class))) byte[] body) {
        String name = ModelNames.require(model);
        ItemVector vector = requests.put(itemId, body);
        return vectors.put(name, vector).map(written -> Response.status(written.created() ? 201 : 200)
                .entity(ItemVectorView.of(written)).build());
    }
}
