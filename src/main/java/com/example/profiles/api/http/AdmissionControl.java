package com.example.profiles.api.http;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.request.ApiConfig;
import com.example.profiles.error.Problem;
import com.example.profiles.error.RoutingProblems;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds the /v1 requests this pod works on at once. A request over the bound is answered 503
 * with Retry-After at once: a client or load balancer can go elsewhere, where an unbounded queue
 * would only add latency until every request timed out. Health and metrics endpoints are not
 * counted, so that an overloaded pod still answers its probes.
 */
@ApplicationScoped
public class AdmissionControl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;

    public AdmissionControl(ApiConfig config) {
        this.limit = config.maxInFlight();
    }

    void register(@Observes Router router) {
        // Before RequestGuards (-1000): every admitted request is counted, whatever answers it.
        router.route("/v1/*").order(-1001).handler(this::admit);
    }

    /** Requests admitted and not yet answered (or abandoned by their client). */
    public int inFlight() {
        return inFlight.get();
    }

    private void admit(RoutingContext ctx) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            reject(ctx);
            return;
        }
        // Runs once when the response ends or the connection closes, whichever comes first.
        ctx.addEndHandler(ignored -> inFlight.decrementAndGet());
        ctx.next();
    }

    private void reject(RoutingContext ctx) {
        String body;
        try {
            body = JSON.writeValueAsString(new Problem("about:blank", "Service Unavailable", 503,
                    "the server is at its limit of " + limit + " concurrent requests; retry shortly",
                    ctx.request().path()));
        } catch (JsonProcessingException e) {
            body = "{\"status\":503}";
        }
        var response = ctx.response().setStatusCode(503)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "1");
        if (ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH) != null
                || ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
            // An unread body would be left on the connection.
            RoutingProblems.closeConnectionAfterResponse(ctx);
        }
        response.end(body);
    }
}
