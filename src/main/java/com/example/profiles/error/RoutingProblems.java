package com.example.profiles.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Problem answers written straight from Vert.x handlers, which run before JAX-RS and its mappers. */
public final class RoutingProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RoutingProblems() {
    }

    /** Ends the exchange with a problem; the connection closes since the request body may be unread. */
    public static void send(RoutingContext ctx, int status, String title, String detail) {
        String body;
        try {
            body = JSON.writeValueAsString(new Problem("about:blank", title, status, detail, ctx.request().path()));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
