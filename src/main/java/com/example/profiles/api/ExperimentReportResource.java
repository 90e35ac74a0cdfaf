package com.example.profiles.api;

import java.time.Instant;

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

import com.example.profiles.api.request.ReportWindow;
import com.example.profiles.api.view.ReportViews;
import com.example.profiles.attribution.ExperimentReports;
import com.example.profiles.openapi.ApiNames;

import io.smallrye.mutiny.Uni;

/** Did the recommendations sell: the traffic split's arms compared over a window of hours. */
@Path("/v1/models/report")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.MODELS)
public class ExperimentReportResource {

    private final ExperimentReports reports;

    public ExperimentReportResource(ExperimentReports reports) {
        this.reports = reports;
    }

    @GET
    @Operation(operationId = "getExperimentReport", summary = "Compare the models of the traffic split on attributed events",
            description = "Per arm: answers served, attributed views, carts, purchases and revenue, click-through and"
                    + " conversion per answer served and revenue per answer with 95% intervals, and for every arm but"
                    + " the one that served most the relative lift against it with its p-value. Counts come from the"
                    + " store, so every pod and region answers the same.")
    @APIResponse(responseCode = "200", description = "The report.",
            content = @Content(schema = @Schema(implementation = ReportViews.Report.class)))
    public Uni<ReportViews.Report> report(
            @Parameter(description = "First hour counted (RFC 3339, rounded down to the hour); default: until - 24 h.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String since,
            @Parameter(description = "End of the window (RFC 3339, rounded up to the hour, exclusive); default: the end"
                    + " of the current hour. At most 92 days after since.",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String until) {
        ReportWindow.Hours hours = ReportWindow.of(since, until, Instant.now());
        return reports.report(hours.since(), hours.until()).map(ReportViews.Report::of);
    }
}
