package com.example.profiles.api.view;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.codec.JsonAttributes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** A catalog item as the API shows it. */
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemView(
        @JsonProperty("item_id") String itemId,
        @JsonProperty("title") String title,
        @JsonProperty("authors") List<String> authors,
        @JsonRawValue @JsonProperty("attributes") String attributes,
        @JsonProperty("embedding") float[] embedding,
        @JsonProperty("updated_at") String updatedAt) {

    public static ItemView of(CatalogItem item) {
        return new ItemView(item.getItemId(), item.getTitle(), item.getAuthors(),
                item.getAttributes() == null ? "{}" : JsonAttributes.toJson(item.getAttributes()),
                item.getEmbedding(), item.getUpdatedAt());
    }
}
