package com.example.profiles.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import com.example.profiles.api.request.ModelRequests;
import com.example.profiles.api.view.ModelViews;
import com.example.profiles.api.view.Written;
import com.example.profiles.lifecycle.ModelService;
import com.example.profiles.model.ModelNames;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.ModelDefinitionBody;
import com.example.profiles.openapi.TrafficBody;

import io.smallrye.mutiny.Uni;

/** Named embedding models and the traffic split between them. */
@Path("/v1/models")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.MODELS)
public class ModelResource {

    private final ModelService models;
    private final ModelRequests requests;

    public ModelResource(ModelService models, ModelRequests requests) {
        this.models = models;
        this.requests = requests;
    }

    @GET
    @Operation(operationId = "listModels", summary = "Every model, with what this pod loaded of it, and the split")
    @APIResponse(responseCode = "200", description = "The models and the traffic split.",
            content = @Content(schema = @Schema(implementation = ModelViews.Models.class)))
    public Uni<ModelViews.Models> list() {
        return models.list().map(ModelViews.Models::of);
    }

    @GET
    @Path("/traffic")
    @Operation(operationId = "getTraffic", summary = "The traffic split in force")
    @APIResponse(responseCode = "200", description = "The split.",
            content = @Content(schema = @Schema(implementation = ModelViews.Traffic.class)))
    public Uni<ModelViews.Traffic> traffic() {
        return models.traffic().map(ModelViews.Traffic::of);
    }

    @PUT
    @Path("/traffic")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putTraffic", summary = "Split the recommendation traffic between models",
            description = "Integer shares summing to 100; each user's model is a pure function of the salt and the"
                    + " user id, in every pod and region. A split of 100 activates one model.")
    @APIResponse(responseCode = "200", description = "The split now in force.",
            content = @Content(schema = @Schema(implementation = ModelViews.Traffic.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<ModelViews.Traffic> putTraffic(@RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = TrafficBody.class))) byte[] body) {
        ModelRequests.Split split = requests.split(body);
        return models.setTraffic(split.weights(), split.salt()).map(ModelViews.Traffic::of);
    }

    @GET
    @Path("/{model}")
    @Operation(operationId = "getModel", summary = "One model")
    @APIResponse(responseCode = "200", description = "The model.",
            content = @Content(schema = @Schema(implementation = ModelViews.Model.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<ModelViews.Model> get(@RestPath("model") String model) {
        return models.get(ModelNames.require(model)).map(ModelViews.Model::of);
    }

    @PUT
    @Path("/{model}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putModel", summary = "Define a model: its dimension and default metric",
            description = "201 when created, 200 when the same definition exists, 409 when the name is taken by"
                    + " another dimension or metric, or by a retired model.")
    @APIResponse(responseCode = "200", description = "The same definition exists.",
            content = @Content(schema = @Schema(implementation = ModelViews.Model.class)))
    @APIResponse(responseCode = "201", description = "Created.",
            content = @Content(schema = @Schema(implementation = ModelViews.Model.class)))
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<Response> put(@RestPath("model") String model, @Context UriInfo uri, @RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = ModelDefinitionBody.class))) byte[] body) {
        ModelRequests.Definition definition = requests.definition(body);
        Written at = Written.at(uri, "v1/models/", ModelNames.require(model));
        return models.define(model, definition.dimension(), definition.metric(), definition.description())
                .map(defined -> at.answer(defined.created(), ModelViews.Model.of(defined.model())).build());
    }

    @DELETE
    @Path("/{model}")
    @Operation(operationId = "retireModel", summary = "Retire a model without traffic",
            description = "Pods unload it at their next catalog refresh; its stored item and user vectors are removed"
                    + " in the background. 409 while it has a share of the split.")
    @APIResponse(responseCode = "200", description = "The model, retired.",
            content = @Content(schema = @Schema(implementation = ModelViews.Model.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<ModelViews.Model> retire(@RestPath("model") String model) {
        return models.retire(ModelNames.require(model)).map(ModelViews.Model::of);
    }
}
