package com.example.profiles.api;

import java.net.URI;

import jakarta.ws.rs.core.UriInfo;

/**
 * Location headers as absolute URIs, built while the request's context is at hand. A relative URI given to
 * {@code Response.created} is resolved against the current request when the response is built, which a
 * callback on another thread does not have.
 */
final class Locations {

    private Locations() {
    }

    /** {@code path} + {@code id} under the application's base URI; ids are checked to need no escaping. */
    static URI of(UriInfo uri, String path, String id) {
        return uri.getBaseUri().resolve(path + id);
    }
}
