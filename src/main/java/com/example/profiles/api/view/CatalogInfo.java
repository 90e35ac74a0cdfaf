package com.example.profiles.api.view;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.facet.FacetColumns;
import com.example.profiles.kernel.Precision;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** What the pod has loaded. Serialized by Jackson: registered for a native image. */
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

    public static CatalogInfo of(Catalog catalog, String kernel) {
        return new CatalogInfo(catalog.size(), catalog.dimension(), catalog.version(), catalog.loadedAt().toString(),
                catalog.primary() == null ? Precision.FLOAT32.label() : catalog.primary().precision().label(),
                kernel, facets(catalog.facets()));
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
