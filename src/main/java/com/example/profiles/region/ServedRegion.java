package com.example.profiles.region;

import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The region whose replica answered the current request, kept in the request's duplicated Vert.x
 * context (one per HTTP request in Quarkus), so that the store need not thread it through every
 * return type. {@link ServedRegionHeader} turns it into the {@code X-Served-Region} header.
 */
public final class ServedRegion {

    public static final String HEADER = "X-Served-Region";
    private static final String KEY = ServedRegion.class.getName();

    private ServedRegion() {
    }

    /** The current request's context, or null outside a request (startup, timers). */
    static Context capture() {
        Context context = Vertx.currentContext();
        return context != null && VertxContext.isDuplicatedContext(context) ? context : null;
    }

    static void record(Context context, String region) {
        if (context != null) {
            context.putLocal(KEY, region);
        }
    }

    static String recorded(Context context) {
        return context == null ? null : context.getLocal(KEY);
    }
}
