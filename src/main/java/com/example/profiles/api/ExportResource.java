package com.example.profiles.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Multi;

/**
 * Every profile as NDJSON, for the ML team's training and test sets. Streamed from a parallel Scan
 * with backpressure: the table is never held in memory.
 */
@Path("/v1/users/export")
public class ExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ProfileStore store;
    private final ExportConfig config;

    public ExportResource(ProfileStore store, ExportConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ProfileView> export(@RestQuery String segments) {
        int n = QueryParams.intInRange("segments", segments, config.defaultSegments(), 1,
                config.maxSegments());
        return store.scanAll(n).map(ProfileView::of);
    }
}
