package com.example.profiles.api.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.api.request.ApiConfig;
import com.example.profiles.error.RoutingProblems;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Checks made on the raw HTTP request before any body is read or any resource matched:
 * <ul>
 * <li>a declared body larger than the limit is refused at once (413), not buffered first;</li>
 * <li>a body without a Content-Type is refused (415) instead of being guessed at;</li>
 * <li>matrix parameters ({@code ;}) in a path are refused (400): JAX-RS would silently strip them,
 * so {@code /v1/users/a;b} would address user {@code a}.</li>
 * </ul>
 * It also turns the HTTP layer's own 413 (a chunked body over the hard cap) into a problem where the
 * exchange is still open, and keeps the failures that follow an already answered 413 out of the error log.
 */
@ApplicationScoped
public class RequestGuards {

    /**
     * After authentication (-200) and the role check ({@code ApiAccess}, -140), so that an
     * unauthenticated caller learns 401 before anything about its body.
     */
    public static final int ORDER = -90;

    private final ApiConfig config;

    public RequestGuards(ApiConfig config) {
        this.config = config;
    }

    void register(@Observes Router router) {
        router.route("/v1/*").order(ORDER).handler(this::guard);
        router.route().order(-1000).failureHandler(ctx -> {
            if (ctx.response().ended() && ctx.response().getStatusCode() == 413) {
                // The HTTP layer already refused an oversize chunked body and answered; what fails after
                // that (JAX-RS writing its own answer to the ended exchange) is noise, not a server error.
                return;
            }
            if (ctx.statusCode() == 413 && !ctx.response().headWritten()) {
                RoutingProblems.send(ctx, 413, "Content Too Large", "the request body exceeds the server's limit");
            } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500 && ctx.failure() == null
                    && !ctx.response().headWritten()) {
                // Refusals of the router itself, e.g. a path with a malformed %-escape.
                RoutingProblems.send(ctx, ctx.statusCode(), reason(ctx.statusCode()), "the request was refused before reaching the API");
            } else {
                ctx.next();
            }
        });
    }

    private void guard(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path.indexOf(';') >= 0) {
            RoutingProblems.send(ctx, 400, "Bad Request", "matrix parameters (';') are not allowed in paths");
            return;
        }
        HttpMethod method = ctx.request().method();
        boolean mayHaveBody = method == HttpMethod.PUT || method == HttpMethod.POST || method == HttpMethod.PATCH;
        if (mayHaveBody) {
            String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            boolean chunked = ctx.request().getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
            long declared = parseLength(length);
            boolean hasBody = chunked || declared > 0;
            String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (hasBody && type == null) {
                RoutingProblems.send(ctx, 415, "Unsupported Media Type", "a request body needs a Content-Type header");
                return;
            }
            if (type != null && mediaType(type).contains("*")) {
                // A body has one concrete type; JAX-RS would otherwise match application/* to JSON.
                RoutingProblems.send(ctx, 415, "Unsupported Media Type", "a request body's Content-Type cannot be a wildcard");
                return;
            }
            if (declared > config.maxBodyBytes() && !isStreamingUpload(path)) {
                RoutingProblems.send(ctx, 413, "Content Too Large", "the request body exceeds " + config.maxBodyBytes() + " bytes");
                return;
            }
        }
        ctx.next();
    }

    /**
     * Endpoints that stream their body instead of buffering it have no body limit here. {@code path} is a request's
     * path or the API document's template ({@code {model}}).
     */
    public static boolean isStreamingUpload(String path) {
        return path.equals("/v1/items/import") || MODEL_VECTOR_IMPORT.matcher(path).matches();
    }

    /** {@code /v1/models/{model}/items/import} and {@code .../users/import}, streamed like the item import. */
    private static final java.util.regex.Pattern MODEL_VECTOR_IMPORT = java.util.regex.Pattern.compile(
            "/v1/models/[^/]+/(items|users)/import");

    private static long parseLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The media type of a Content-Type header, without parameters ("" for ";;;"). */
    public static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    private static String reason(int status) {
        return io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
    }

}
