package com.example.profiles.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

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
    private final ExportConfig config;

    public ExportResource(ProfileStore store, ExportConfig config) {
        this.store = store;
        this.config = config;
    }

    @GET
    @Produces(NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportProfiles",
            summary = "Every profile as NDJSON (one Profile per line), streamed from a parallel scan")
    @APIResponse(responseCode = "200", description = "One JSON profile per line.",
            content = @Content(mediaType = NDJSON, schema = @Schema(implementation = ProfileBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Multi<ProfileView> export(
            @Parameter(description = "Parallel scan segments (1..profiles.export.max-segments, default 4).",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
            @RestQuery String segments) {
        int n = QueryParams.intInRange("segments", segments, config.defaultSegments(), 1,
                config.maxSegments());
        return store.scanAll(n).map(ProfileView::of);
    }
}
