package com.example.profiles.error;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/** Problem answers written straight from Vert.x handlers, which run before JAX-RS and its mappers. */
public final class RoutingProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingProblems() {
    }

    /** Ends the exchange with a problem; the connection closes since the request body may be unread. */
    public static void send(RoutingContext ctx, int status, String title, String detail) {
        send(ctx, status, title, detail, Map.of());
    }

    /** Ends the exchange with {@code problem}, its detail replaced, and extension members after the standard ones. */
    public static void send(RoutingContext ctx, ProblemException problem, String detail, Map<String, Object> members) {
        problem.headers().forEach(ctx.response()::putHeader);
        send(ctx, problem.status(), problem.title(), detail, members);
    }

    private static void send(RoutingContext ctx, int status, String title, String detail, Map<String, Object> members) {
        String body;
        try {
            Map<String, Object> document = JSON.convertValue(
                    new Problem("about:blank", title, status, detail, ctx.request().path()),
                    new TypeReference<LinkedHashMap<String, Object>>() { });
            document.putAll(members);
            body = JSON.writeValueAsString(document);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        closeConnectionAfterResponse(ctx);
        ctx.response().end(body);
    }

    /** Ends the exchange with {@code problem} (its headers too, e.g. Retry-After) and the given detail. */
    public static void send(RoutingContext ctx, ProblemException problem, String detail) {
        problem.headers().forEach(ctx.response()::putHeader);
        send(ctx, problem.status(), problem.title(), detail);
    }

    /**
     * Asks an HTTP/1.x client to close the connection, whose unread request body cannot be
     * trusted. HTTP/2 forbids the Connection header (RFC 9113, 8.2.2): there the stream ends alone.
     */
    public static void closeConnectionAfterResponse(RoutingContext ctx) {
        if (ctx.request().version() != HttpVersion.HTTP_2) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
    }
}
