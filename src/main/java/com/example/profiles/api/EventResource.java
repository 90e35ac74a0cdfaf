package com.example.profiles.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventQuery;
import com.example.profiles.event.EventService;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.EventsRequestBody;

import io.smallrye.mutiny.Uni;

/** A user's behaviour events: posting them (idempotent by event_id) and paging through them. */
@Path("/v1/users/{user_id}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.EVENTS)
public class EventResource {

    private final EventService events;
    private final EventConfig config;
    private final ApiConfig api;

    public EventResource(EventService events, EventConfig config, ApiConfig api) {
        this.events = events;
        this.config = config;
        this.api = api;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "postEvents",
            summary = "Record 1..100 behaviour events; each is applied atomically and at most once (by event_id)")
    @APIResponse(responseCode = "200", description = "One result per event, in request order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventViews.Results.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<EventViews.Results> post(@RestPath("user_id") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EventsRequestBody.class))) byte[] body) {
        UserIds.require(userId);
        var inputs = EventRequests.parse(body, api.maxBodyBytes());
        return events.record(userId, inputs).map(EventViews.Results::of);
    }

    @GET
    @Operation(operationId = "listEvents", summary = "A user's events, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor of the next.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventViews.Page.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<EventViews.Page> list(@RestPath("user_id") String userId,
            @Parameter(description = "Only events of this type.") @RestQuery String type,
            @Parameter(description = "Only events that occurred at or after this time (RFC 3339).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String since,
            @Parameter(description = "Only events that occurred before this time (RFC 3339).",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @RestQuery String until,
            @Parameter(description = "Events per page (default events.page.default-size, 50).",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @RestQuery String limit,
            @Parameter(description = "The `next` of the previous page.") @RestQuery String cursor) {
        UserIds.require(userId);
        int size = QueryParams.intInRange("limit", limit, config.page().defaultSize(), 1, config.page().maxSize());
        Instant from = time("since", since);
        Instant to = time("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("since must lie before until");
        }
        if (type != null && !type.isEmpty() && !config.types().contains(type)) {
            throw ProblemException.badRequest("type must be one of " + String.join(", ", config.types()));
        }
        return events.history(userId, new EventQuery(type == null || type.isEmpty() ? null : type, from, to, size,
                cursor == null || cursor.isEmpty() ? null : cursor))
                .map(EventViews.Page::of);
    }

    /** An RFC 3339 query parameter, or null when absent. */
    static Instant time(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(raw).toInstant();
            if (instant.isBefore(Instant.parse("0001-01-01T00:00:00Z")) || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                throw ProblemException.badRequest(name + " must lie in the years 1..9999");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an RFC 3339 date-time such as 2026-05-01T12:00:00Z");
        }
    }
}
