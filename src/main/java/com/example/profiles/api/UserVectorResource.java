package com.example.profiles.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import com.example.profiles.api.request.UserVectorRequests;
import com.example.profiles.api.view.UserVectorView;
import com.example.profiles.api.view.Written;
import com.example.profiles.model.ModelNames;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.UserVectorWriteBody;
import com.example.profiles.profile.UserVector;
import com.example.profiles.profile.UserVectorStore;

import io.smallrye.mutiny.Uni;

/** A user's vector in one model, on the user's existing profile. The bulk load is {@link UserImportRoute}. */
@Path("/v1/models/{model}/users")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.MODELS)
public class UserVectorResource {

    private final UserVectorStore vectors;
    private final UserVectorRequests requests;

    public UserVectorResource(UserVectorStore vectors, UserVectorRequests requests) {
        this.vectors = vectors;
        this.requests = requests;
    }

    @PUT
    @Path("/{user_id}/features")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putUserVector", summary = "Store a user's vector in a model",
            description = "On the user's existing profile (no profile is created), with the history row of the vector it"
                    + " replaces, in one transaction that also checks the model is not retired and keeps this dimension."
                    + " 201 when the user had no vector in the model, 200 when one was replaced (or is the same).")
    @APIResponse(responseCode = "200", description = "The vector replaced the user's previous one in the model.",
            content = @Content(schema = @Schema(implementation = UserVectorView.class)))
    @APIResponse(responseCode = "201", description = "The user's first vector in the model.",
            content = @Content(schema = @Schema(implementation = UserVectorView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    @APIResponse(responseCode = "422", ref = "Unprocessable")
    public Uni<Response> put(@RestPath("model") String model, @RestPath("user_id") String userId, @Context UriInfo uri,
            @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = UserVectorWriteBody.class))) byte[] body) {
        ModelNames.require(model);
        UserVector vector = requests.write(userId, body);
        Written at = Written.at(uri, "v1/models/" + model + "/users/", userId + "/features");
        return vectors.put(model, vector).map(written -> at.answer(written.created(), UserVectorView.of(written)).build());
    }
}
