package com.example.profiles.openapi;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Describes the body of a traffic split (parsed strictly from bytes elsewhere); never instantiated. */
@Schema(name = "TrafficSplit", additionalProperties = Schema.False.class)
public record TrafficBody(
        @Schema(required = true, description = "Integer shares by model name, summing to 100.",
                example = "{\"default\": 90, \"books-v2\": 10}")
        @JsonProperty("split") Map<String, Integer> split,
        @Schema(required = true, maxLength = 128, description = "Salt of the assignment: a new one reassigns everyone.",
                example = "2026-12-ab")
        @JsonProperty("salt") String salt) {
}
