package com.example.profiles.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A table of this service and the one layout every such table shares: a string partition key,
 * on-demand billing and a NEW_AND_OLD_IMAGES stream (which global tables need).
 */
public record TableSpec(String name, String partitionKey) {

    /** The layout is described to the operator in these words. */
    public static final String LAYOUT = "on-demand, stream NEW_AND_OLD_IMAGES";

    /** The table {@code name} with the partition key the schema declares: the schema is the one source of the key. */
    public static TableSpec of(String name, TableSchema<?> schema) {
        return new TableSpec(name, schema.tableMetadata().primaryPartitionKey());
    }

    public CreateTableRequest createRequest() {
        return createRequest(true);
    }

    /** @param stream false only for local tables nothing replicates (the local engine writes faster without) */
    public CreateTableRequest createRequest(boolean stream) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(partitionKey).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (stream) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        }
        return request.build();
    }
}
