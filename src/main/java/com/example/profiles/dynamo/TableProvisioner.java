package com.example.profiles.dynamo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveRequest;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creates a table in the layout of {@link TableSpec} if it is missing, and waits until it is ACTIVE. */
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
     * @param stream whether a table created here gets its NEW_AND_OLD_IMAGES stream
     */
    public Uni<Boolean> ensureTable(TableSpec table, boolean stream, Duration timeout) {
        return status(table.name())
                .flatMap(status -> status != null
                        ? Uni.createFrom().item(false)
                        : create(table, stream))
                .call(() -> awaitActive(table.name()).ifNoItem().after(timeout)
                        .failWith(() -> new IllegalStateException("table " + table.name() + " not ACTIVE after " + timeout)))
                .call(() -> ensureTtl(table));
    }

    /** Turns on TTL where the table declares one and it is off (an existing table included). */
    private Uni<Void> ensureTtl(TableSpec table) {
        if (table.ttlAttribute() == null) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom()
                .completionStage(() -> dynamo.describeTimeToLive(DescribeTimeToLiveRequest.builder().tableName(table.name()).build()))
                .flatMap(described -> {
                    TimeToLiveStatus status = described.timeToLiveDescription() == null ? null
                            : described.timeToLiveDescription().timeToLiveStatus();
                    if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
                        return Uni.createFrom().voidItem();
                    }
                    return Uni.createFrom().completionStage(() -> dynamo.updateTimeToLive(table.ttlRequest()))
                            .invoke(() -> LOG.infof("enabled TTL on %s.%s", table.name(), table.ttlAttribute()))
                            .replaceWithVoid();
                });
    }

    private Uni<Boolean> create(TableSpec table, boolean stream) {
        return Uni.createFrom().completionStage(() -> dynamo.createTable(table.createRequest(stream)))
                .invoke(() -> LOG.infof("created table %s%s", table.name(), stream ? "" : " (without a stream)"))
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
