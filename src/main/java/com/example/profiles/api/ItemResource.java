package com.example.profiles.api;

import java.net.URI;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemService;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/** Single catalog items. Bulk loads go through {@code POST /v1/items/import}. */
@Path("/v1/items/{item_id}")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    private final ItemService items;
    private final ApiConfig config;

    public ItemResource(ItemService items, ApiConfig config) {
        this.items = items;
        this.config = config;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@RestPath("item_id") String itemId, byte[] body) {
        UserIds.requireItem(itemId);
        CatalogItem item = ItemRequests.put(itemId, body, config.maxBodyBytes());
        return items.put(item).map(created -> (created
                ? Response.created(URI.create("/v1/items/" + itemId))
                : Response.ok()).entity(ItemView.of(item)).build());
    }

    @GET
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
