package com.example.profiles.api;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/** Single catalog items. Bulk loads go through {@code POST /v1/items/import}. */
@Path("/v1/items/{item_id}")
@Produces(MediaType.APPLICATION_JSON)
public class ItemResource {

    private final ItemStore items;
    private final CatalogService catalogs;
    private final ApiConfig config;

    public ItemResource(ItemStore items, CatalogService catalogs, ApiConfig config) {
        this.items = items;
        this.catalogs = catalogs;
        this.config = config;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> put(@RestPath("item_id") String itemId, byte[] body) {
        UserIds.requireItem(itemId);
        CatalogItem item = ItemRequests.put(itemId, body, config.maxBodyBytes(), catalogDimension(catalogs));
        item.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
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

    /**
     * The dimension new items must have: the loaded catalog's, or 0 (any) while it is empty.
     * Before the first load it is unknown, and writes wait.
     */
    static int catalogDimension(CatalogService catalogs) {
        Catalog catalog = catalogs.current();
        if (catalog == null) {
            throw ProblemException.unavailable("the item catalog is still loading", 2, null);
        }
        return catalog.dimension();
    }
}
