package com.example.bare;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestPath;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** GET a profile as the service does, with nothing else: one GetItem, the item written back as JSON. */
@Path("/v1/users")
public class BareResource {

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public BareResource(DynamoDbAsyncClient dynamo, @ConfigProperty(name = "bare.table") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> get(@RestPath String id) {
        GetItemRequest request = GetItemRequest.builder().tableName(table)
                .key(Map.of("user_id", AttributeValue.fromS(id))).build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(answer -> answer.hasItem()
                        ? Response.ok(ItemJson.of(answer.item())).build()
                        : Response.status(Response.Status.NOT_FOUND).build());
    }
}
