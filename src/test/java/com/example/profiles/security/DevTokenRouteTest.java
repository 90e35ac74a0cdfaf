package com.example.profiles.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SocketAddress;

/** The dev token leaves only for a caller on this machine that names this machine. */
class DevTokenRouteTest {

    @Test
    void onlyALoopbackCallerNamingALocalHostGetsTheToken() {
        SocketAddress local = SocketAddress.inetSocketAddress(40000, "127.0.0.1");
        assertTrue(DevTokenRoute.isLocal(local, "localhost:8080"));
        assertTrue(DevTokenRoute.isLocal(local, "127.0.0.1:8080"));
        assertTrue(DevTokenRoute.isLocal(SocketAddress.inetSocketAddress(40000, "::1"), "[::1]:8080"));
        // another machine
        assertFalse(DevTokenRoute.isLocal(SocketAddress.inetSocketAddress(40000, "192.168.1.20"), "localhost:8080"));
        // a page of another site whose name was rebound to 127.0.0.1
        assertFalse(DevTokenRoute.isLocal(local, "evil.example:8080"));
        assertFalse(DevTokenRoute.isLocal(local, null));
        assertFalse(DevTokenRoute.isLocal(local, "bad host name"));
    }
}
