package com.example.profiles.api;

import java.net.URI;
import java.util.List;
import java.util.Set;

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

import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.UserErasure;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.BatchGetRequestBody;
import com.example.profiles.openapi.BatchGetResponseBody;
import com.example.profiles.openapi.ProfileBody;
import com.example.profiles.openapi.ProfileField;
import com.example.profiles.openapi.ProfilePatchBody;
import com.example.profiles.openapi.ProfileWriteBody;
import com.example.profiles.profile.ProfileFields;
import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Uni;

/** Profile CRUD and batch reads. Bodies arrive as bytes and are validated by {@link ProfileRequests}. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.PROFILES)
public class ProfileResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProfileStore store;
    private final ApiConfig config;
    private final ProfileConfig profiles;
    private final UserErasure erasure;

    public ProfileResource(ProfileStore store, ApiConfig config, ProfileConfig profiles, UserErasure erasure) {
        this.profiles = profiles;
        this.erasure = erasure;
        this.store = store;
        this.config = config;
    }

    @GET
    @Path("/{user_id}")
    @Operation(operationId = "getProfile", summary = "Read a profile, optionally only some fields")
    @APIResponse(responseCode = "200", description = "The profile; ETag holds its version.",
            headers = @Header(name = "ETag", ref = "ETag"),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfileBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> get(@RestPath("user_id") String userId,
            @Parameter(description = "Fields to return (repeat or comma-separate); user_id is always included.",
                    style = ParameterStyle.FORM, explode = Explode.TRUE,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = ProfileField.class))
            @RestQuery List<String> fields) {
        UserIds.require(userId);
        Set<String> selected = fields == null || fields.isEmpty() ? null : ProfileRequests.fields(fields);
        Uni<ProfileItem> read = store.get(userId, selected);
        return read.map(item -> {
            if (item == null) {
                throw absent(userId);
            }
            return withTag(Response.ok(ProfileView.of(item, selected)), item).build();
        });
    }

    @PUT
    @Path("/{user_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putProfile", summary = "Create or replace a profile")
    @APIResponse(responseCode = "200", ref = "ProfileWritten")
    @APIResponse(responseCode = "201", ref = "ProfileWritten")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "409", ref = "StaleWrite")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> put(@RestPath("user_id") String userId, @Context UriInfo uri,
            @Parameter(description = ApiNames.IF_MATCH_DESCRIPTION) @RestHeader("If-Match") String ifMatch,
            @Parameter(description = "`*` to create only if absent.") @RestHeader("If-None-Match") String ifNoneMatch,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ProfileWriteBody.class))) byte[] body) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, ifNoneMatch);
        var write = ProfileRequests.write(body, config.maxBodyBytes(), config.maxFeatures());
        // Absolute now: the callback below runs on the SDK's thread, outside the request's context.
        URI location = Locations.of(uri, "v1/users/", userId);
        return store.put(userId, write, condition).map(result -> {
            Response.ResponseBuilder response = result.created()
                    ? Response.created(location)
                    : Response.ok();
            return withTag(response.entity(ProfileView.of(result.profile())), result.profile()).build();
        });
    }

    @PATCH
    @Path("/{user_id}")
    @Consumes(MERGE_PATCH)
    @Operation(operationId = "patchProfile",
            summary = "Change a profile with a JSON merge patch (RFC 7396), applied atomically")
    @APIResponse(responseCode = "200", ref = "ProfileWritten")
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "StaleWrite")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> patch(@RestPath("user_id") String userId,
            @Parameter(description = ApiNames.IF_MATCH_DESCRIPTION) @RestHeader("If-Match") String ifMatch,
            @RequestBody(required = true, content = @Content(mediaType = MERGE_PATCH,
                    schema = @Schema(implementation = ProfilePatchBody.class))) byte[] body) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, null);
        var patch = ProfileRequests.patch(body, config.maxBodyBytes(), config.maxFeatures());
        return store.patch(userId, patch, condition)
                .map(item -> withTag(Response.ok(ProfileView.of(item)), item).build());
    }

    @DELETE
    @Path("/{user_id}")
    @Operation(operationId = "deleteProfile", summary = "Delete a profile and the user's behaviour events")
    @APIResponse(responseCode = "204", description = "Deleted (or already absent), events included.")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "412", ref = "PreconditionFailed")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<Response> delete(@RestPath("user_id") String userId,
            @Parameter(description = ApiNames.IF_MATCH_DESCRIPTION) @RestHeader("If-Match") String ifMatch) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, null);
        return erasure.erase(userId, condition).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "batchGetProfiles", summary = "Read up to 100 profiles at once")
    @APIResponse(responseCode = "200", description = "The profiles found and the ids not found.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BatchGetResponseBody.class)))
    @APIResponse(responseCode = "400", ref = "BadRequest")
    @APIResponse(responseCode = "401", ref = "Unauthorized")
    @APIResponse(responseCode = "403", ref = "Forbidden")
    @APIResponse(responseCode = "413", ref = "TooLarge")
    @APIResponse(responseCode = "415", ref = "UnsupportedMediaType")
    @APIResponse(responseCode = "503", ref = "Unavailable")
    public Uni<BatchGetResponse> batchGet(@RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchGetRequestBody.class)))
            byte[] body) {
        ProfileRequests.BatchGet request = ProfileRequests.batchGet(body, config.maxBodyBytes(), profiles.batchGet().maxIds());
        Set<String> fields = request.fields();
        return store.batchGet(request.userIds(), fields == null ? Set.copyOf(ProfileFields.ALL) : fields)
                .map(result -> new BatchGetResponse(
                        result.found().stream().map(item -> ProfileView.of(item, fields)).toList(),
                        result.missing()));
    }

    private static Response.ResponseBuilder withTag(Response.ResponseBuilder response, ProfileItem item) {
        return item.getVersion() == null ? response : response.header("ETag", EntityTags.of(item.getVersion()));
    }

    static ProblemException absent(String userId) {
        return ProblemException.notFound("no profile with id " + userId);
    }
}
