package com.example.profiles.logging;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Gives every request an id for the logs: the caller's {@code X-Request-Id} when it is a short
 * token, else a fresh UUID. It is put in the MDC as {@code request_id} (Quarkus keeps the MDC on
 * the request's Vert.x context, so every log line of the request carries it, the JSON log as a
 * field) and echoed in the response header.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "request_id";
    /** First of all our handlers: authentication failures are logged with the id too. */
    static final int ORDER = -10_000;
    /** Only harmless characters reach the logs: no spaces, quotes or line breaks to forge lines with. */
    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::tag);
    }

    private void tag(RoutingContext ctx) {
        String id = accept(ctx.request().getHeader(HEADER));
        MDC.put(MDC_KEY, id);
        ctx.put(MDC_KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.addEndHandler(done -> MDC.remove(MDC_KEY));
        ctx.next();
    }

    static String accept(String header) {
        return header != null && ACCEPTED.matcher(header).matches() ? header : fresh();
    }

    /**
     * A random (version 4) UUID. A log correlation id needs no cryptographic randomness, and
     * UUID.randomUUID() draws from a SecureRandom shared by all event loops on every request.
     */
    static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
