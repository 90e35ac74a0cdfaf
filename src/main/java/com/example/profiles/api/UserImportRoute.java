package com.example.profiles.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.http.RequestGuards;
import com.example.profiles.api.request.UserVectorRequests;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;
import com.example.profiles.ingest.ImportConfig;
import com.example.profiles.ingest.LineImport;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;
import com.example.profiles.profile.UserVector;
import com.example.profiles.profile.UserVectorStore;

import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/models/{model}/users/import}: NDJSON, one user's vector per line ({@code user_id},
 * {@code features}, {@code event_time}?), streamed as the item import is ({@link ImportSession}) in the store's
 * transactions of {@link UserVectorStore#USERS_PER_TRANSACTION} users. The model is checked before the body is
 * read: 400 for a name no model can have, 404 when it is not defined, 409 when it is retired. Lines of another
 * dimension, and users without a profile, are rejected lines.
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
        Executor context = ImportSession.context();
        vectors.writable(model).subscribe().with(
                definition -> context.execute(() -> new ImportSession<>(ctx, StoreErrors.ANY_TABLE, "user vectors",
                        UserVectorRequests::importLine, (writes, listener) -> startImport(definition, writes, listener))
                        .start()),
                failure -> context.execute(() -> {
                    ProblemException problem = StoreErrors.ANY_TABLE.translate(failure);
                    RoutingProblems.send(ctx, problem, problem.detail());
                }));
    }

    private LineImport<UserVector> startImport(ModelDefinition model, Executor context, LineImport.Listener listener) {
        LineImport.Limits limits = imports.limits(UserVectorStore.USERS_PER_TRANSACTION,
                UserVectorStore.TRANSACTIONS_IN_FLIGHT);
        return new LineImport<>(new Target(vectors, model), limits, context, listener);
    }

    /** The users' vectors of one model: each of the model's dimension, each for a user who has a profile. */
    private record Target(UserVectorStore store, ModelDefinition model) implements LineImport.Target<UserVector> {

        @Override
        public void check(UserVector vector) {
            UserVectorStore.requireDimension(model, vector.features());
        }

        @Override
        public String key(UserVector vector) {
            return vector.userId();
        }

        @Override
        public Uni<Map<Integer, String>> write(List<UserVector> batch) {
            return store.putBatch(model, batch);
        }
    }
}
