package com.example.profiles.api;

import java.net.URI;
import java.util.ArrayList;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        json.fieldNames().forEachRemaining(field -> {
            if (!field.equals("user_ids") && !field.equals("fields")) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected user_ids and fields");
            }
        });
        List<String> ids = stringArray(json.get("user_ids"), "user_ids");
        int max = profiles.batchGet().maxIds();
        if (ids.isEmpty() || ids.size() > max) {
            throw ProblemException.badRequest("user_ids must hold 1.." + max + " ids, not " + ids.size());
        }
        ids.forEach(UserIds::require);
        JsonNode fieldsJson = json.get("fields");
        Set<String> fields = fieldsJson == null || fieldsJson.isNull()
                ? null
                : ProfileRequests.fields(stringArray(fieldsJson, "fields"));
        return store.batchGet(ids, fields == null ? Set.copyOf(ProfileFields.ALL) : fields)
                .map(result -> new BatchGetResponse(
                        result.found().stream().map(item -> ProfileView.of(item, fields)).toList(),
                        result.missing()));
    }

    private static List<String> stringArray(JsonNode json, String name) {
        if (json == null || !json.isArray()) {
            throw ProblemException.badRequest(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            if (!element.isTextual()) {
                throw ProblemException.badRequest(name + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Response.ResponseBuilder withTag(Response.ResponseBuilder response, ProfileItem item) {
        return item.getVersion() == null ? response : response.header("ETag", EntityTags.of(item.getVersion()));
    }

    static ProblemException absent(String userId) {
        return ProblemException.notFound("no profile with id " + userId);
    }
}
