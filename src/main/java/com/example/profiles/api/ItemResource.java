package com.example.profiles.api;

import java.net.URI;

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

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemService;
import com.example.profiles.error.ProblemException;
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
    private final ApiConfig config;

    public ItemResource(ItemService items, ApiConfig config) {
        this.items = items;
        this.config = config;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putItem",
            summary = "Create or replace one catalog item (picked up by the next catalog reload)")
    @APIResponse(responseCode = "200", ref = "ItemWritten")
    @APIResponse(responseCode = "201", ref = "ItemWritten")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> put(@RestPath("item_id") String itemId, @Context UriInfo uri,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ItemWriteBody.class))) byte[] body) {
        UserIds.requireItem(itemId);
        CatalogItem item = ItemRequests.put(itemId, body, config.maxBodyBytes());
        // Absolute now: the callback below runs on the SDK's thread, outside the request's context.
        URI location = Locations.of(uri, "v1/items/", itemId);
        return items.put(item).map(created -> (created
                ? Response.created(location)
                : Response.ok()).entity(ItemView.of(item)).build());
    }

    @DELETE
    @Operation(operationId = "deleteItem",
            summary = "Delete one catalog item (gone from recommendations after the next catalog refresh)")
    @APIResponse(responseCode = "204", description = "Deleted (or already absent).")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@RestPath("item_id") String itemId) {
        UserIds.requireItem(itemId);
        return items.delete(itemId).map(ignored -> Response.noContent().build());
    }

    @GET
    @Operation(operationId = "getItem", summary = "Read one catalog item")
    @APIResponse(responseCode = "200", description = "The item.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ItemBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ItemView> get(@RestPath("item_id") String itemId) {
        UserIds.requireItem(itemId);
        return items.get(itemId).map(item -> {
            if (item == null) {
                throw ProblemException.notFound("no item with id " + itemId);
            }
            return ItemView.of(item);
        });
    }
}
