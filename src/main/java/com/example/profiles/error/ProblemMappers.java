package com.example.profiles.error;

import java.util.concurrent.CompletionException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JacksonException;

/**
 * Every error leaves as application/problem+json: our own problems, JAX-RS errors raised by
 * routing and content negotiation (404, 405, 406, 415), JSON the framework could not read, store
 * failures, and, last, anything unexpected (500 without a stack trace in the body).
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final FailureTranslator failures;

    public ProblemMappers(FailureTranslator failures) {
        this.failures = failures;
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        if (e.status() >= 500 && e.status() != 503 && e.getCause() != null) {
            // a store's translation of a failure nobody expected: the answer hides it, the log must not
            LOG.errorf(e.getCause(), "unexpected failure on %s", uri.getPath());
        }
        return toResponse(e, uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, Request request, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        String detail = switch (status) {
            case 404 -> "no such resource: " + uri.getPath();
            case 405 -> "method not allowed on " + uri.getPath();
            case 406 -> "no acceptable representation; this endpoint produces JSON";
            case 415 -> unsupportedType(request.getMethod(), headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            default -> e.getMessage() == null ? title : e.getMessage();
        };
        return toResponse(new ProblemException(status, title, detail), uri);
    }

    /** Names the content type the endpoint takes: a merge patch for PATCH, JSON for the other JAX-RS bodies. */
    static String unsupportedType(String method, String received) {
        String expected = "PATCH".equals(method)
                ? "Content-Type: application/merge-patch+json (an RFC 7396 JSON merge patch)"
                : "Content-Type: application/json";
        String got = received == null || received.isBlank() ? "none"
                : received.length() > 100 ? received.substring(0, 100) + "..." : received;
        return "unsupported content type " + got + "; " + method + " on this endpoint takes " + expected;
    }

    @ServerExceptionMapper
    public Response unreadableJson(JacksonException e, UriInfo uri) {
        return toResponse(ProblemException.badRequest("malformed JSON body: " + e.getOriginalMessage()), uri);
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException p) {
            return problem(p, uri);
        }
        if (isBodyOverHardCap(cause)) {
            // The client's fault, not ours. The HTTP layer has already answered 413 and closes the connection;
            // this answer is only what the mapper reports (RequestGuards drops the failed second write).
            // no path here: it may hold a user id, which only 5xx error lines carry
            LOG.debug("request body over the hard cap; the HTTP layer answered 413");
            return toResponse(new ProblemException(413, "Content Too Large", "the request body exceeds the server's limit"), uri);
        }
        ProblemException mapped = failures.translate(cause);
        if (mapped.status() >= 500 && mapped.status() != 503) {
            LOG.errorf(cause, "unexpected failure on %s", uri.getPath());
        }
        return toResponse(mapped, uri);
    }

    /**
     * Quarkus's blocking body reader throws this when a body without a declared length (chunked) grows past
     * {@code quarkus.http.limits.max-body-size}, after it has ended the exchange with an empty 413.
     */
    static boolean isBodyOverHardCap(Throwable e) {
        return e instanceof java.io.IOException && "Request too large".equals(e.getMessage());
    }

    static Response toResponse(ProblemException p, UriInfo uri) {
        Response.ResponseBuilder builder = Response.status(p.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", p.title(), p.status(), p.detail(), uri == null ? null : uri.getPath()));
        p.headers().forEach(builder::header);
        return builder.build();
    }
}
