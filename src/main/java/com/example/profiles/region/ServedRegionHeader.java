package com.example.profiles.region;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;


import io.vertx.core.Context;
import io.vertx.ext.web.Router;

/**
 * Adds {@code X-Served-Region} to every {@code /v1} response, including problems written by the
 * Vert.x-level guards and the streaming import route: the region whose replica answered, or the
 * pod's own region when no replica was read (writes, which never leave the local region unless
 * {@code profiles.failover.writes-to-fallback} is on).
 */
@ApplicationScoped
public class ServedRegionHeader {

    private final String localRegion;

    public ServedRegionHeader(RegionConfig config) {
        this.localRegion = config.region();
    }

    void register(@Observes Router router) {
        // Before RequestGuards (-1000), so that its early problems carry the header too.
        router.route("/v1/*").order(-1100).handler(ctx -> {
            Context request = ServedRegion.capture();
            ctx.addHeadersEndHandler(ignored -> {
                String served = ServedRegion.recorded(request);
                ctx.response().headers().set(ServedRegion.HEADER, served != null ? served : localRegion);
            });
            ctx.next();
        });
    }
}
