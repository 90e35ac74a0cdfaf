package com.example.profiles.api;

import jakarta.ws.rs.BeanParam;
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

import com.example.profiles.api.request.EventRequests;
import com.example.profiles.api.request.TimeRangeQuery;
import com.example.profiles.api.view.EventViews;
import com.example.profiles.event.EventService;
import com.example.profiles.input.Ids;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.EventsRequestBody;

import io.smallrye.mutiny.Uni;

/** A user's behaviour events: posting them (idempotent by event_id) and paging through them. */
@Path("/v1/users/{user_id}/events")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.EVENTS)
@APIResponse(responseCode = "404", ref = "NotFound")
public class EventResource {

    private final EventService events;
    private final EventRequests requests;

    public EventResource(EventService events, EventRequests requests) {
        this.events = events;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "postEvents",
            summary = "Record 1..100 behaviour events; each is applied atomically and at most once (by event_id)")
    @APIResponse(responseCode = "200", description = "One result per event, in request order.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventViews.Results.class)))
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<EventViews.Results> post(@RestPath("user_id") String userId,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EventsRequestBody.class))) byte[] body) {
        return events.record(Ids.user(userId), requests.events(body)).map(EventViews.Results::of);
    }

    @GET
    @Operation(operationId = "listEvents", summary = "A user's events, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page of events and the cursor of the next.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventViews.Page.class)))
    public Uni<EventViews.Page> list(@RestPath("user_id") String userId, @BeanParam TimeRangeQuery range,
            @Parameter(description = "Only events of this type.") @RestQuery String type,
            @Parameter(description = "Events per page (default events.page.default-size, 50).",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @RestQuery String limit,
            @Parameter(description = "The `next` of the previous page.") @RestQuery String cursor) {
        return events.history(Ids.user(userId), requests.history(range, type, limit, cursor)).map(EventViews.Page::of);
    }
}
