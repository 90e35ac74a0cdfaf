package com.example.profiles.openapi;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a batch read (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "BatchGetRequest", additionalProperties = Schema.False.class)
public record BatchGetRequestBody(
        @Schema(required = true, minItems = 1, maxItems = 100) @JsonProperty("user_ids") List<String> userIds,
        @Schema(nullable = true) @JsonProperty("fields") List<String> fields) {
}
