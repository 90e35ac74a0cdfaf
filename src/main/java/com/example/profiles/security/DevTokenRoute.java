package com.example.profiles.security;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.LaunchMode;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Dev mode only: {@code GET /explorer/dev-token} answers the token {@link DevKeys} printed at start, so that the
 * explorer page can offer it and one click shows the demo. The route exists only in dev mode, so neither the
 * API's request path nor a prod or test build has it. It answers only a caller on this machine that names this
 * machine in its Host header (a page of another site that rebinds its DNS name to 127.0.0.1 gets nothing); every
 * other request falls through to the static files (404).
 */
@ApplicationScoped
public class DevTokenRoute {

    static final String PATH = "/explorer/dev-token";
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final DevKeys keys;

    public DevTokenRoute(DevKeys keys) {
        this.keys = keys;
    }

    void register(@Observes Router router) {
        if (LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            router.get(PATH).handler(this::answer);
        }
    }

    private void answer(RoutingContext ctx) {
        Optional<String> token = keys.token();
        if (token.isEmpty() || !isLocal(ctx.request().remoteAddress(), ctx.request().getHeader("Host"))) {
            ctx.next();
            return;
        }
        ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-store")
                .end(new JsonObject().put("token", token.get()).encode());
    }

    static boolean isLocal(SocketAddress remote, String host) {
        if (remote == null || host == null || remote.host() == null) {
            return false;
        }
        String name;
        try {
            name = URI.create("http://" + host).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        String address = remote.host();
        boolean loopback = address.equals("127.0.0.1") || address.equals("0:0:0:0:0:0:0:1") || address.equals("::1");
        return loopback && name != null && LOCAL_HOSTS.contains(name.toLowerCase(java.util.Locale.ROOT));
    }
}
