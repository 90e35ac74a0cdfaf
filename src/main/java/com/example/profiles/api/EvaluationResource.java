package com.example.profiles.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import com.example.profiles.api.request.EvaluationRequests;
import com.example.profiles.api.view.EvaluationView;
import com.example.profiles.evaluation.Evaluations;
import com.example.profiles.model.ModelNames;
import com.example.profiles.openapi.ApiNames;
import com.example.profiles.openapi.EvaluationBody;

import io.smallrye.mutiny.Uni;

/** Offline evaluations of a model: would it have recommended what users went on to buy. */
@Path("/v1/models/{model}/evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiNames.MODELS)
public class EvaluationResource {

    private final Evaluations evaluations;
    private final EvaluationRequests requests;

    public EvaluationResource(Evaluations evaluations, EvaluationRequests requests) {
        this.evaluations = evaluations;
        this.requests = requests;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startEvaluation", summary = "Evaluate a model offline on the store's history",
            description = "Replays the users with events of the given types in (cutoff, until] through the service's"
                    + " own ranking, each with the vector valid at the cutoff, beside the popularity baseline. Runs in"
                    + " the background on one thread; one evaluation at a time per pod (409 otherwise). The state"
                    + " lives in this pod's memory: GET the Location on the same pod.")
    @APIResponse(responseCode = "202", description = "Started; Location is where it can be read.",
            content = @Content(schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    @APIResponse(responseCode = "409", ref = "Conflict")
    public Uni<Response> start(@RestPath("model") String model, @Context UriInfo uri, @RequestBody(required = true,
            content = @Content(schema = @Schema(implementation = EvaluationBody.class))) byte[] body) {
        return Uni.createFrom().item(() -> {
            var evaluation = evaluations.start(requests.read(ModelNames.require(model), body));
            return Response.accepted(EvaluationView.of(evaluation))
                    .location(uri.getBaseUri().resolve("v1/models/" + model + "/evaluations/" + evaluation.id()))
                    .build();
        });
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvaluation", summary = "An evaluation's state and figures")
    @APIResponse(responseCode = "200", description = "The evaluation.",
            content = @Content(schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "404", ref = "NotFound")
    public Uni<EvaluationView> get(@RestPath("model") String model, @RestPath("id") String id) {
        return Uni.createFrom().item(() -> EvaluationView.of(evaluations.get(ModelNames.require(model), id)));
    }
}
