package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a model definition (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "ModelDefinition", additionalProperties = Schema.False.class)
public record ModelDefinitionBody(
        @Schema(required = true, minimum = "1", maximum = "4096") @JsonProperty("dimension") Integer dimension,
        @Schema(enumeration = { "dot", "cosine" }, defaultValue = "dot",
                description = "The metric answers use unless the request names another.")
        @JsonProperty("metric") String metric,
        @Schema(maxLength = 1024) @JsonProperty("description") String description) {
}
