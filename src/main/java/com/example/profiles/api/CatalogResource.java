package com.example.profiles.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogService;
import com.example.profiles.recommend.ScoringEngine;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The pod's in-memory catalog: what is loaded, and a forced reload. */
@Path("/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
public class CatalogResource {

    /** Serialized by Jackson: registered for a native image. */
    @RegisterForReflection
    public record CatalogInfo(
            @JsonProperty("items") int items,
            @JsonProperty("dimension") int dimension,
            @JsonProperty("catalog_version") String catalogVersion,
            @JsonProperty("loaded_at") String loadedAt,
            @JsonProperty("precision") String precision,
            @JsonProperty("kernel") String kernel) {
    }

    private final CatalogService catalogs;
    private final ScoringEngine engine;

    public CatalogResource(CatalogService catalogs, ScoringEngine engine) {
        this.catalogs = catalogs;
        this.engine = engine;
    }

    @GET
    public CatalogInfo current() {
        return info(catalogs.requireCurrent());
    }

    @POST
    @Path("/reload")
    public Uni<CatalogInfo> reload() {
        return catalogs.reload().map(this::info);
    }

    private CatalogInfo info(Catalog catalog) {
        return new CatalogInfo(catalog.size(), catalog.dimension(), catalog.version(), catalog.loadedAt().toString(),
                catalog.precision().label(), engine.kernel().name());
    }
}
