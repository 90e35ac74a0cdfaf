package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Describes {@link com.example.profiles.error.Problem} for the API document; never instantiated. */
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record ProblemBody(
        @Schema(required = true, example = "about:blank") String type,
        @Schema(required = true) String title,
        @Schema(required = true) int status,
        String detail,
        @Schema(description = "The request path.") String instance) {
}
