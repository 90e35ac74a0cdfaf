package com.example.profiles.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.http.RequestGuards;
import com.example.profiles.api.request.ItemVectorRequests;
import com.example.profiles.catalog.ItemVectorService;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;
import com.example.profiles.model.ModelNames;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/models/{model}/items/import}: NDJSON, one {@code {"item_id", "embedding"}} per line, streamed
 * like the item import ({@link ItemImportRoute}, {@link ImportSession}): the same answer, limits and
 * {@code resume_from_line}. A line for an item that does not exist is rejected, the others are written.
 */
@ApplicationScoped
public class ModelItemImportRoute {

    /** The route, in Vert.x's notation. */
    public static final String ROUTE = "/v1/models/:model/items/import";
    /** The path as the API document writes it. */
    public static final String PATH = "/v1/models/{model}/items/import";

    private final ItemVectorService vectors;

    public ModelItemImportRoute(ItemVectorService vectors) {
        this.vectors = vectors;
    }

    void register(@Observes Router router) {
        // After authentication, the role check and RequestGuards; before the JAX-RS routes.
        router.post(ROUTE).order(RequestGuards.ORDER + 10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        String model;
        try {
            model = ModelNames.require(ctx.pathParam("model"));
        } catch (ProblemException problem) {
            RoutingProblems.send(ctx, problem, problem.detail());
            return;
        }
        if (!ImportSession.acceptsBody(ctx)) {
            return;
        }
        // The body waits, unread, while the registry is asked for the model.
        ctx.request().pause();
        Context context = Vertx.currentContext();
        vectors.writable(model).subscribe().with(
                definition -> context.runOnContext(v -> new ImportSession<>(ctx, vectors.errors(), "vectors",
                        ItemVectorRequests::importLine, (writes, listener) -> vectors.startImport(definition, writes,
                        listener)).start()),
                failure -> context.runOnContext(v -> {
                    ProblemException problem = vectors.errors().translate(failure);
                    RoutingProblems.send(ctx, problem, problem.detail());
                }));
    }
}
