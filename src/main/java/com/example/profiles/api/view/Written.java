package com.example.profiles.api.view;

import java.net.URI;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The answer to a write that may create: 201 with an absolute Location, or 200. The Location is resolved when
 * this is made, while the request's context is at hand: a relative URI given to {@code Response.created} is
 * resolved against the current request when the response is built, which a callback on the store's thread
 * does not have.
 */
public final class Written {

    private final URI location;

    private Written(URI location) {
        this.location = location;
    }

    /** {@code path} + {@code id} under the application's base URI; ids are checked to need no escaping. */
    public static Written at(UriInfo uri, String path, String id) {
        return new Written(uri.getBaseUri().resolve(path + id));
    }

    public Response.ResponseBuilder answer(boolean created, Object entity) {
        return (created ? Response.created(location) : Response.ok()).entity(entity);
    }
}
