package com.example.profiles.dynamo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Creates a table with a string partition key if it is missing, in the layout every table of this
 * service shares: on-demand billing and a NEW_AND_OLD_IMAGES stream (which global tables need).
 */
@ApplicationScoped
public class TableProvisioner {

    private static final Logger LOG = Logger.getLogger(TableProvisioner.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final DynamoDbAsyncClient dynamo;

    public TableProvisioner(DynamoDbAsyncClient dynamo) {
        this.dynamo = dynamo;
    }

    /**
     * Completes when the table exists and is ACTIVE; item true when this call created it.
     *
     * @param streams whether a table created here gets its NEW_AND_OLD_IMAGES stream
     */
    public Uni<Boolean> ensureTable(String table, String partitionKey, boolean streams, Duration timeout) {
        return status(table)
                .flatMap(status -> status != null
                        ? Uni.createFrom().item(false)
                        : create(table, partitionKey, streams))
                .call(() -> awaitActive(table).ifNoItem().after(timeout)
                        .failWith(() -> new IllegalStateException("table " + table + " not ACTIVE after " + timeout)));
    }

    private Uni<Boolean> create(String table, String partitionKey, boolean streams) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(partitionKey).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(partitionKey).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST);
        if (streams) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build());
        }
        return Uni.createFrom().completionStage(() -> dynamo.createTable(request.build()))
                .invoke(() -> LOG.infof("created table %s%s", table, streams ? "" : " (without a stream)"))
                .replaceWith(true)
                // Another pod may have created it between our describe and create.
                .onFailure(ResourceInUseException.class).recoverWithItem(false);
    }

    private Uni<Void> awaitActive(String table) {
        return status(table)
                .flatMap(status -> status == TableStatus.ACTIVE
                        ? Uni.createFrom().voidItem()
                        : Uni.createFrom().voidItem().onItem().delayIt().by(POLL).flatMap(ignored -> awaitActive(table)));
    }

    /** The table's status, or null when it does not exist. */
    public Uni<TableStatus> status(String table) {
        return Uni.createFrom()
                .completionStage(() -> dynamo.describeTable(DescribeTableRequest.builder().tableName(table).build()))
                .map(response -> response.table().tableStatus())
                .onFailure(ResourceNotFoundException.class).recoverWithNull();
    }
}
