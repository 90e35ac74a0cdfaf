package com.example.profiles.api.view;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.catalog.ItemVectorService;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The answer of a model vector write: which item, which model, how many dimensions. Registered for a native image. */
@RegisterForReflection
@Schema(name = "ItemVectorWritten", description = "The item's vector in the model was set; pods load it at their next"
        + " catalog refresh.")
public record ItemVectorView(
        @JsonProperty("model") String model,
        @JsonProperty("item_id") String itemId,
        @Schema(description = "The model's dimension, which the vector has.") @JsonProperty("dimension") int dimension) {

    public static ItemVectorView of(ItemVectorService.Written written) {
        return new ItemVectorView(written.model(), written.itemId(), written.dimension());
    }
}
