package com.example.profiles.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.profiles.api.view.CatalogInfo;
import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.catalog.CatalogRefresher;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.recommend.ScoringEngine;

import io.smallrye.mutiny.Uni;

/** The pod's in-memory catalog: what is loaded, and a forced reload. */
@Path("/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.CATALOG)
@APIResponse(responseCode = "200", ref = "CatalogState")
public class CatalogResource {

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
    public CatalogInfo current() {
        return info(catalogs.requireCurrent());
    }

    @POST
    @Path("/reload")
    @Operation(operationId = "reloadCatalog", summary = "Reload this pod's catalog from DynamoDB now")
    public Uni<CatalogInfo> reload() {
        return refresher.reload().map(this::info);
    }

    private CatalogInfo info(Catalog catalog) {
        return CatalogInfo.of(catalog, engine.kernel().name());
    }
}
