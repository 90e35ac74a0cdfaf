package com.example.profiles.api;

import java.util.List;
import java.util.Set;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.Explode;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterStyle;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.api.request.IfMatchHeader;
import com.example.profiles.api.request.ProfileRequests;
import com.example.profiles.api.view.BatchGetResponse;
import com.example.profiles.api.view.ProfileResponses;
import com.example.profiles.api.view.Written;
import com.example.profiles.input.Ids;
import com.example.profiles.profile.UserErasure;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.BatchGetRequestBody;
import com.example.profiles.openapi.BatchGetResponseBody;
import com.example.profiles.openapi.ProfileBody;
import com.example.profiles.openapi.ProfileField;
import com.example.profiles.openapi.ProfilePatchBody;
import com.example.profiles.openapi.ProfileWriteBody;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.profile.WriteCondition;

import io.smallrye.mutiny.Uni;

/**
 * Profile CRUD and batch reads. Bodies arrive as bytes and are validated by {@link ProfileRequests}; each
 * method checks the id, then the precondition headers, then the body, in that order.
 */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.PROFILES)
public class ProfileResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProfileStore store;
    private final UserErasure erasure;
    private final ProfileRequests requests;

    public ProfileResource(ProfileStore store, UserErasure erasure, ProfileRequests requests) {
        this.store = store;
        this.erasure = erasure;
        this.requests = requests;
    }

    @GET
    @Path("/{user_id}")
    @Operation(operationId = "getProfile", summary = "Read a profile, optionally only some fields")
    @APIResponse(responseCode = "200", description = "The profile; ETag holds its version.",
            headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileBody.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<Response> get(@RestPath("user_id") String userId,
            @Parameter(description = "Fields to return (repeat or comma-separate); user_id is always included.",
                    style = ParameterStyle.FORM, explode = Explode.TRUE,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ProfileField.class))
            @RestQuery List<String> fields) {
        Ids.user(userId);
        Set<String> selected = ProfileRequests.selection(fields);
        return store.get(userId, selected).map(item -> ProfileResponses.found(userId, item, selected));
    }

    @PUT
    @Path("/{user_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putProfile", summary = "Create or replace a profile")
    @APIResponse(responseCode = "200", ref = "ProfileWritten")
    @APIResponse(responseCode = "201", ref = "ProfileWritten")
    @APIResponse(responseCode = "409", ref = "StaleWrite")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> put(@RestPath("user_id") String userId, @Context UriInfo uri, @BeanParam IfMatchHeader ifMatch,
            @Parameter(description = "`*` to create only if absent.") @RestHeader("If-None-Match") String ifNoneMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileWriteBody.class))) byte[] body) {
        Ids.user(userId);
        WriteCondition condition = ifMatch.condition(ifNoneMatch);
        Written at = Written.at(uri, "v1/users/", userId);
        return store.put(userId, requests.write(body), condition).map(result -> ProfileResponses.written(at, result));
    }

    @PATCH
    @Path("/{user_id}")
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "patchProfile",
            summary = "Change a profile with a JSON merge patch (RFC 7396), applied atomically")
    @APIResponse(responseCode = "200", ref = "ProfileWritten")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "StaleWrite")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> patch(@RestPath("user_id") String userId, @BeanParam IfMatchHeader ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
                    schema = @Schema(implementation = ProfilePatchBody.class))) byte[] body) {
        Ids.user(userId);
        WriteCondition condition = ifMatch.condition();
        return store.patch(userId, requests.patch(body), condition).map(ProfileResponses::patched);
    }

    @DELETE
    @Path("/{user_id}")
    @Operation(operationId = "deleteProfile", summary = "Delete a profile and the user's behaviour events")
    @APIResponse(responseCode = "204", description = "Deleted (or already absent), events included.")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    public Uni<Response> delete(@RestPath("user_id") String userId, @BeanParam IfMatchHeader ifMatch) {
        return erasure.erase(Ids.user(userId), ifMatch.condition())
                .map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "batchGetProfiles", summary = "Read up to 100 profiles at once")
    @APIResponse(responseCode = "200", description = "The profiles found and the ids not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchGetResponseBody.class)))
    public Uni<BatchGetResponse> batchGet(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchGetRequestBody.class)))
            byte[] body) {
        ProfileRequests.BatchGet request = requests.batchGet(body);
        return store.batchGet(request.userIds(), request.projection())
                .map(result -> BatchGetResponse.of(result, request.fields()));
    }
}
