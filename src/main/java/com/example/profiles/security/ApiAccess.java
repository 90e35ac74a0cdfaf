package com.example.profiles.security;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.error.RoutingProblems;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The role check of every {@code /v1} request, JAX-RS resource or Vert.x route alike. Quarkus
 * authenticates proactively first (the bearer JWT, verified by SmallRye JWT: signature, issuer,
 * expiry); this handler then asks {@link EndpointRoles} what the endpoint needs. It runs before
 * {@code RequestGuards}, so an unauthenticated caller gets 401 rather than 413 or 415.
 * <p>
 * Failures leave as problem documents: Quarkus' own answers to a bad token are empty bodies.
 */
@ApplicationScoped
public class ApiAccess {

    /** After Quarkus' authentication handler, before Quarkus' path-based authorization and our guards. */
    public static final int ORDER = -1 * SecurityHandlerPriorities.AUTHENTICATION + 60;
    /** Before Quarkus' authentication handler (and after CORS). */
    static final int IGNORE_CREDENTIALS_ORDER = -1 * SecurityHandlerPriorities.AUTHENTICATION - 10;
    /** Ahead of the HTTP layer's default failure handling, which would answer with an empty body. */
    static final int FAILURE_ORDER = Integer.MIN_VALUE + 100;

    static final String BEARER = "Bearer";
    static final String INVALID_TOKEN = "Bearer error=\"invalid_token\"";

    private final AuthConfig config;

    public ApiAccess(AuthConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        if (!config.enabled()) {
            // With authentication off, a token is ignored rather than verified: SmallRye JWT would
            // still reject it (there may be no key to check it against), and every example sends one.
            router.route().order(IGNORE_CREDENTIALS_ORDER).handler(ctx -> {
                ctx.request().headers().remove(HttpHeaders.AUTHORIZATION);
                ctx.next();
            });
        }
        router.route("/v1/*").order(ORDER).handler(this::authorize);
        router.route().order(FAILURE_ORDER).failureHandler(this::authenticationFailed);
    }

    private void authorize(RoutingContext ctx) {
        if (!config.enabled()) {
            ctx.next();
            return;
        }
        SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            unauthorized(ctx, BEARER, "a bearer token is required");
            return;
        }
        Set<String> needed = EndpointRoles.required(ctx.request().method().name(), ctx.normalizedPath());
        if (!needed.isEmpty() && needed.stream().noneMatch(identity::hasRole)) {
            RoutingProblems.send(ctx, 403, "Forbidden", "this endpoint needs one of the roles " + needed);
            return;
        }
        ctx.next();
    }

    /** A token that failed verification (forged, expired, wrong issuer, malformed) ends up here. */
    private void authenticationFailed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || failure == null) {
            ctx.next();
            return;
        }
        if (failure instanceof AuthenticationFailedException || failure instanceof AuthenticationCompletionException
                || failure instanceof UnauthorizedException) {
            unauthorized(ctx, INVALID_TOKEN, TokenRejection.detail(failure));
        } else if (failure instanceof ForbiddenException) {
            RoutingProblems.send(ctx, 403, "Forbidden", "the caller lacks the role this endpoint needs");
        } else {
            ctx.next();
        }
    }

    private static void unauthorized(RoutingContext ctx, String challenge, String detail) {
        ctx.response().putHeader("WWW-Authenticate", challenge);
        RoutingProblems.send(ctx, 401, "Unauthorized", detail);
    }
}
