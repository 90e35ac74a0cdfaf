package com.example.profiles.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.api.request.ItemRequests;
import com.example.profiles.api.view.ItemView;
import com.example.profiles.api.view.Written;
import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemService;
import com.example.profiles.error.ProblemException;
import com.example.profiles.input.Ids;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.ItemBody;
import com.example.profiles.openapi.ItemWriteBody;

import io.smallrye.mutiny.Uni;

/** Single catalog items. Bulk loads go through {@code POST /v1/items/import}. */
@Path("/v1/items/{item_id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.CATALOG)
public class ItemResource {

    private final ItemService items;
    private final ItemRequests requests;

    public ItemResource(ItemService items, ItemRequests requests) {
        this.items = items;
        this.requests = requests;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putItem",
            summary = "Create or replace one catalog item (picked up by the next catalog reload)",
            description = "Without an embedding, the item's title, authors and attributes are written and its stored"
                    + " vectors (in every model) stay as they are. An embedding is the default model's vector: 422"
                    + " when its dimension is not default's, 409 once default is retired.")
    @APIResponse(responseCode = "200", ref = "ItemWritten")
    @APIResponse(responseCode = "201", ref = "ItemWritten")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> put(@RestPath("item_id") String itemId, @Context UriInfo uri,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ItemWriteBody.class))) byte[] body) {
        CatalogItem item = requests.put(itemId, body);
        Written at = Written.at(uri, "v1/items/", itemId);
        return items.put(item).map(created -> at.answer(created, ItemView.of(item)).build());
    }

    @DELETE
    @Operation(operationId = "deleteItem",
            summary = "Delete one catalog item (gone from recommendations after the next catalog refresh)")
    @APIResponse(responseCode = "204", description = "Deleted (or already absent).")
    public Uni<Response> delete(@RestPath("item_id") String itemId) {
        return items.delete(Ids.item(itemId)).map(ignored -> Response.noContent().build());
    }

    @GET
    @Operation(operationId = "getItem", summary = "Read one catalog item")
    @APIResponse(responseCode = "200", description = "The item.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemBody.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ItemView> get(@RestPath("item_id") String itemId) {
        return items.get(Ids.item(itemId)).map(item -> {
            if (item == null) {
                throw ProblemException.notFound("no item with id " + itemId);
            }
            return ItemView.of(item);
        });
    }
}
