package com.example.profiles.api;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.training.TrainingExport;
import com.example.profiles.training.TrainingQuery;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;

/** Point-in-time-correct training rows: each event with the user's features as of its time. */
@Path("/v1/training/events")
@Tag(name = ApiNames.EVENTS)
public class TrainingResource {

    private final TrainingExport export;
    private final EventConfig events;
    private final ExportConfig config;

    public TrainingResource(TrainingExport export, EventConfig events, ExportConfig config) {
        this.export = export;
        this.events = events;
        this.config = config;
    }

    /** One NDJSON line. */
    @Schema(name = "TrainingRow")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @RegisterForReflection
    public record Row(
            @JsonProperty("event") EventViews.Event event,
            @Schema(nullable = true, description = "The user's feature vector as of the event's occurred_at; null when none was valid then.")
            @JsonProperty("user_features") float[] userFeatures) {
    }

    @GET
    @Produces(ExportResource.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportTrainingEvents",
            summary = "Every stored event in a time range as NDJSON, with the user's features as of the event's time")
    @APIResponse(responseCode = "200", description = "One TrainingRow per line.",
            content = @Content(mediaType = ExportResource.NDJSON, schema = @Schema(implementation = Row.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    public Multi<Row> export(
            @Parameter(description = "Only events that occurred at or after this time (RFC 3339).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String since,
            @Parameter(description = "Only events that occurred before this time (RFC 3339).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String until,
            @Parameter(description = "Comma-separated event types, e.g. purchase,rating; default all.") @RestQuery String types,
            @Parameter(description = "Parallel scan segments (1..profiles.export.max-segments, default 4).",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @RestQuery String segments) {
        var from = EventResource.time("since", since);
        var to = EventResource.time("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("since must lie before until");
        }
        int n = QueryParams.intInRange("segments", segments, config.defaultSegments(), 1, config.maxSegments());
        return export.rows(new TrainingQuery(from, to, types(types), n))
                .map(row -> new Row(EventViews.Event.of(row.event()), row.userFeatures()));
    }

    private List<String> types(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : raw.split(",", -1)) {
            String t = type.trim();
            if (!events.types().contains(t)) {
                throw ProblemException.badRequest("types must be a comma-separated list of " + String.join(", ", events.types()));
            }
            types.add(t);
        }
        return new ArrayList<>(types);
    }
}
