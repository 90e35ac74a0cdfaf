package com.example.profiles.dynamo;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * A table of this service and the one layout every such table shares: a string partition key (and, for
 * histories, a string sort key), on-demand billing and a NEW_AND_OLD_IMAGES stream (which global tables
 * need); optionally one global secondary index projecting every attribute, and a TTL attribute.
 *
 * @param sortKey      null for tables keyed by the partition key alone
 * @param index        null for none
 * @param ttlAttribute the epoch-seconds attribute DynamoDB's TTL deletes items by; null for none
 */
public record TableSpec(String name, String partitionKey, String sortKey, SecondaryIndex index, String ttlAttribute) {

    /** The layout is described to the operator in these words. */
    public static final String LAYOUT = "on-demand, stream NEW_AND_OLD_IMAGES";

    /** A global secondary index with a numeric partition key and a numeric sort key, projecting all attributes. */
    public record SecondaryIndex(String name, String partitionKey, String sortKey) {
    }

    public TableSpec(String name, String partitionKey) {
        this(name, partitionKey, null, null, null);
    }

    /** Describes the key to the operator, e.g. {@code user_id} or {@code user_id + event_key}. */
    public String keyDescription() {
        return sortKey == null ? partitionKey : partitionKey + " + " + sortKey;
    }

    /** The table {@code name} with the keys the schema declares: the schema is the one source of the key. */
    public static TableSpec of(String name, TableSchema<?> schema) {
        return new TableSpec(name, schema.tableMetadata().primaryPartitionKey(),
                schema.tableMetadata().primarySortKey().orElse(null), null, null);
    }

    public TableSpec withIndex(SecondaryIndex secondary) {
        return new TableSpec(name, partitionKey, sortKey, secondary, ttlAttribute);
    }

    /** The same table with DynamoDB TTL on {@code attribute}. */
    public TableSpec withTtl(String attribute) {
        return new TableSpec(name, partitionKey, sortKey, index, attribute);
    }

    /** TTL enabled on {@link #ttlAttribute}, for UpdateTimeToLive after the table is created. */
    public UpdateTimeToLiveRequest ttlRequest() {
        return UpdateTimeToLiveRequest.builder().tableName(name)
                .timeToLiveSpecification(TimeToLiveSpecification.builder().attributeName(ttlAttribute).enabled(true).build())
                .build();
    }

    public CreateTableRequest createRequest() {
        return createRequest(true);
    }

    /** @param stream false only for local tables nothing replicates (the local engine writes faster without) */
    public CreateTableRequest createRequest(boolean stream) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        List<KeySchemaElement> keys = new ArrayList<>();
        attributes.add(AttributeDefinition.builder().attributeName(partitionKey).attributeType(ScalarAttributeType.S).build());
        keys.add(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build());
        if (sortKey != null) {
            attributes.add(AttributeDefinition.builder().attributeName(sortKey).attributeType(ScalarAttributeType.S).build());
            keys.add(KeySchemaElement.builder().attributeName(sortKey).keyType(KeyType.RANGE).build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .keySchema(keys)
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (index != null) {
            attributes.add(AttributeDefinition.builder().attributeName(index.partitionKey())
                    .attributeType(ScalarAttributeType.N).build());
            attributes.add(AttributeDefinition.builder().attributeName(index.sortKey())
                    .attributeType(ScalarAttributeType.N).build());
            request.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(KeySchemaElement.builder().attributeName(index.partitionKey()).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(index.sortKey()).keyType(KeyType.RANGE).build())
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build());
        }
        request.attributeDefinitions(attributes);
        if (stream) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        }
        return request.build();
    }
}
