package com.example.profiles.api;

import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.http.RequestGuards;
import com.example.profiles.api.request.UserVectorRequests;
import com.example.profiles.catalog.ImportConfig;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;
import com.example.profiles.ingest.LineImport;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.profile.UserVector;
import com.example.profiles.profile.UserVectorStore;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/models/{model}/users/import}: NDJSON, one user's vector per line ({@code user_id},
 * {@code features}, {@code event_time}?), streamed as the item import is ({@link NdjsonImportSession}). The
 * model is checked before the body is read: 400 for a name no model can have, 404 when it is not defined, 409
 * when it is retired. Lines of another dimension, and users without a profile, are rejected lines.
 */
@ApplicationScoped
public class UserImportRoute {

    /** The path as the API document writes it. */
    public static final String PATH = "/v1/models/{model}/users/import";
    private static final String ROUTE = "/v1/models/:model/users/import";

    private final UserVectorStore vectors;
    private final ImportConfig imports;

    public UserImportRoute(UserVectorStore vectors, ImportConfig imports) {
        this.vectors = vectors;
        this.imports = imports;
    }

    void register(@Observes Router router) {
        // After authentication, the role check and RequestGuards; before the JAX-RS routes.
        router.post(ROUTE).order(RequestGuards.ORDER + 10).handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        if (!ImportSession.acceptsBody(ctx)) {
            return;
        }
        String model;
        try {
            model = ModelNames.require(ctx.pathParam("model"));
        } catch (ProblemException e) {
            RoutingProblems.send(ctx, e, e.detail());
            return;
        }
        // The body waits, unread, while the registry is asked for the model.
        ctx.request().pause();
        Executor context = NdjsonImportSession.context();
        vectors.writable(model).subscribe().with(
                definition -> context.execute(() -> session(ctx, definition, context).start()),
                failure -> context.execute(() -> {
                    ProblemException problem = StoreErrors.ANY_TABLE.translate(failure);
                    RoutingProblems.send(ctx, problem, problem.detail());
                }));
    }

    private NdjsonImportSession<UserVector> session(RoutingContext ctx, ModelDefinition model, Executor context) {
        LineImport.Limits limits = new LineImport.Limits(UserVectorStore.USERS_PER_TRANSACTION,
                UserVectorStore.TRANSACTIONS_IN_FLIGHT, imports.batchAttempts(), imports.retryBackoff(),
                imports.maxRetryBackoff());
        return new NdjsonImportSession<>(ctx, StoreErrors.ANY_TABLE, json -> {
            UserVector vector = UserVectorRequests.importLine(json);
            UserVectorStore.requireDimension(model, vector.features());
            return vector;
        }, "user vectors", listener -> new LineImport<>(batch -> vectors.putBatch(model, batch), UserVector::userId,
                limits, context, listener));
    }
}
