package com.example.profiles.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.example.profiles.api.request.ExportRequests;
import com.example.profiles.api.request.SegmentsQuery;
import com.example.profiles.api.view.ProfileView;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.ProfileBody;
import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Multi;

/**
 * Every profile as NDJSON, for the ML team's training and test sets. Streamed from a parallel Scan
 * with backpressure: the table is never held in memory.
 */
@Path("/v1/users/export")
@Tag(name = ApiNames.PROFILES)
public class ExportResource {

    public static final String NDJSON = "application/x-ndjson";

    private final ProfileStore store;
    private final ExportRequests requests;

    public ExportResource(ProfileStore store, ExportRequests requests) {
        this.store = store;
        this.requests = requests;
    }

    @GET
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportProfiles",
            summary = "Every profile as NDJSON (one Profile per line), streamed from a parallel scan")
    @APIResponse(responseCode = "200", description = "One JSON profile per line.",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ProfileBody.class)))
    public Multi<ProfileView> export(@BeanParam SegmentsQuery segments) {
        return store.scanAll(requests.segments(segments)).map(ProfileView::of);
    }
}
