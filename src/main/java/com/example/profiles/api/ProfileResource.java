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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.ProfileFields;
import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Uni;

/** Profile CRUD and batch reads. Bodies arrive as bytes and are validated by {@link ProfileRequests}. */
@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    static final String MERGE_PATCH = "application/merge-patch+json";

    private final ProfileStore store;
    private final ApiConfig config;
    private final ProfileConfig profiles;

    public ProfileResource(ProfileStore store, ApiConfig config, ProfileConfig profiles) {
        this.profiles = profiles;
        this.store = store;
        this.config = config;
    }

    @GET
    @Path("/{user_id}")
    public Uni<Response> get(@RestPath("user_id") String userId, @RestQuery List<String> fields) {
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
    public Uni<Response> put(@RestPath("user_id") String userId, @RestHeader("If-Match") String ifMatch,
            @RestHeader("If-None-Match") String ifNoneMatch, byte[] body) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, ifNoneMatch);
        var write = ProfileRequests.write(body, config.maxBodyBytes(), config.maxFeatures());
        return store.put(userId, write, condition).map(result -> {
            Response.ResponseBuilder response = result.created()
                    ? Response.created(URI.create("/v1/users/" + userId))
                    : Response.ok();
            return withTag(response.entity(ProfileView.of(result.profile())), result.profile()).build();
        });
    }

    @PATCH
    @Path("/{user_id}")
    @Consumes(MERGE_PATCH)
    public Uni<Response> patch(@RestPath("user_id") String userId, @RestHeader("If-Match") String ifMatch,
            byte[] body) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, null);
        var patch = ProfileRequests.patch(body, config.maxBodyBytes(), config.maxFeatures());
        return store.patch(userId, patch, condition)
                .map(item -> withTag(Response.ok(ProfileView.of(item)), item).build());
    }

    @DELETE
    @Path("/{user_id}")
    public Uni<Response> delete(@RestPath("user_id") String userId, @RestHeader("If-Match") String ifMatch) {
        UserIds.require(userId);
        var condition = EntityTags.condition(ifMatch, null);
        return store.delete(userId, condition).map(ignored -> Response.noContent().build());
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<BatchGetResponse> batchGet(byte[] body) {
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
