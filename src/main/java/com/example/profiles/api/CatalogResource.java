package com.example.profiles.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.facet.FacetColumns;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.CatalogRefresher;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.recommend.ScoringEngine;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The pod's in-memory catalog: what is loaded, and a forced reload. */
@Path("/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.CATALOG)
public class CatalogResource {

    /** Serialized by Jackson: registered for a native image. The API document's CatalogInfo schema. */
    @RegisterForReflection
    @Schema(name = "CatalogInfo")
    public record CatalogInfo(
            @JsonProperty("items") int items,
            @JsonProperty("dimension") int dimension,
            @JsonProperty("catalog_version") String catalogVersion,
            @Schema(format = "date-time") @JsonProperty("loaded_at") String loadedAt,
            @Schema(enumeration = { "float32", "int8" }) @JsonProperty("precision") String precision,
            @JsonProperty("kernel") String kernel,
            @Schema(description = "The facets requests may filter and group on, with the kind of values each holds"
                    + " (text, number, boolean; none while no item has a value).")
            @JsonProperty("facets") Map<String, String> facets) {
    }

    private final CatalogHolder catalogs;
    private final CatalogRefresher refresher;
    private final ScoringEngine engine;

    public CatalogResource(CatalogHolder catalogs, CatalogRefresher refresher, ScoringEngine engine) {
        this.catalogs = catalogs;
        this.refresher = refresher;
        this.engine = engine;
    }

    @GET
    @Operation(operationId = "getCatalog", summary = "The catalog snapshot this pod scores against")
    @APIResponse(responseCode = "200", ref = "CatalogState")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public CatalogInfo current() {
        return info(catalogs.requireCurrent());
    }

    @POST
    @Path("/reload")
    @Operation(operationId = "reloadCatalog", summary = "Reload this pod's catalog from DynamoDB now")
    @APIResponse(responseCode = "200", ref = "CatalogState")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<CatalogInfo> reload() {
        return refresher.reload().map(this::info);
    }

    private CatalogInfo info(Catalog catalog) {
        return new CatalogInfo(catalog.size(), catalog.dimension(), catalog.version(), catalog.loadedAt().toString(),
                catalog.embeddings().precision().label(), engine.kernel().name(), facets(catalog.facets()));
    }

    private static Map<String, String> facets(FacetColumns columns) {
        Map<String, String> kinds = new TreeMap<>();
        for (String name : columns.names()) {
            FacetColumns.Kind kind = columns.kind(name);
            kinds.put(name, kind == null ? "none" : kind.name().toLowerCase(Locale.ROOT));
        }
        return kinds;
    }
}
