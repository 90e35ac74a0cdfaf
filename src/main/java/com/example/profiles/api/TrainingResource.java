package com.example.profiles.api;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestStreamElementType;

import com.example.profiles.api.request.ExportRequests;
import com.example.profiles.api.request.SegmentsQuery;
import com.example.profiles.api.request.TimeRangeQuery;
import com.example.profiles.api.view.TrainingRowView;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.training.TrainingExport;

import io.smallrye.mutiny.Multi;

/** Point-in-time-correct training rows: each event with the user's features as of its time. */
@Path("/v1/training/events")
@Tag(name = ApiNames.EVENTS)
public class TrainingResource {

    private final TrainingExport export;
    private final ExportRequests requests;

    public TrainingResource(TrainingExport export, ExportRequests requests) {
        this.export = export;
        this.requests = requests;
    }

    @GET
    @Produces(ExportResource.NDJSON)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(operationId = "exportTrainingEvents",
            summary = "Every stored event in a time range as NDJSON, with the user's features as of the event's time")
    @APIResponse(responseCode = "200", description = "One TrainingRow per line.",
            content = @Content(mediaType = ExportResource.NDJSON, schema = @Schema(implementation = TrainingRowView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Multi<TrainingRowView> export(@BeanParam TimeRangeQuery range,
            @Parameter(description = "Comma-separated event types, e.g. purchase,rating; default all.") @RestQuery String types,
            @BeanParam SegmentsQuery segments,
            @Parameter(description = "The model whose user vectors join the events (user_features holds the user's"
                    + " vector in it as of each event's time); 404 when no such model is defined, 409 when it is retired.",
                    schema = @Schema(defaultValue = "default", pattern = "[a-z0-9][a-z0-9._-]{0,63}"))
            @RestQuery String model) {
        return export.rows(requests.training(range, types, segments, model)).map(TrainingRowView::of);
    }
}
