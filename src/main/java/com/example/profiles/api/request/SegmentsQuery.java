package com.example.profiles.api.request;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code segments} of the NDJSON exports, as text until {@link ExportRequests} checks it. */
public class SegmentsQuery {

    @RestQuery
    @Parameter(description = "Parallel scan segments (1..profiles.export.max-segments, default 4).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1"))
    String segments;
}
