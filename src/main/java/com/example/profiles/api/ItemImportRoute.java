package com.example.profiles.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.http.RequestGuards;
import com.example.profiles.api.request.ItemRequests;
import com.example.profiles.catalog.ItemService;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/items/import}: NDJSON, one item per line, streamed. It is a Vert.x route rather
 * than a JAX-RS resource because the body must be read incrementally with backpressure, never
 * buffered whole: see {@link ImportSession}.
 */
@ApplicationScoped
public class ItemImportRoute {

    public static final String PATH = "/v1/items/import";

    private final ItemService items;

    public ItemImportRoute(ItemService items) {
        this.items = items;
    }

    void register(@Observes Router router) {
        // After authentication, the role check and RequestGuards; before the JAX-RS routes.
        router.post(PATH).order(RequestGuards.ORDER + 10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!ImportSession.acceptsBody(ctx)) {
            return;
        }
        // The body waits, unread, while the store is asked for the catalog's dimension.
        ctx.request().pause();
        Context context = Vertx.currentContext();
        items.storedDimension().subscribe().with(
                dimension -> context.runOnContext(v -> new ImportSession<>(ctx, items.errors(), "items",
                        ItemRequests::importLine, (writes, listener) -> items.startImport(dimension, writes, listener))
                        .start()),
                failure -> context.runOnContext(v -> {
                    ProblemException problem = items.errors().translate(failure);
                    RoutingProblems.send(ctx, problem, problem.detail());
                }));
    }
}
