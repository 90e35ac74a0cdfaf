package com.example.profiles.provision;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.example.profiles.dynamo.TableSpec;


import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Makes each table a global table (version 2019.11.21) across the given regions, talking only to
 * the first region: creates the table there if missing (in the layout of {@link TableSpec}, like
 * {@code dynamo/TableProvisioner}), then adds each missing replica with
 * UpdateTable ReplicaUpdates Create, one at a time (DynamoDB accepts one replica change per call and
 * only on an ACTIVE table), and waits until the table and every replica are ACTIVE. Rerunning it
 * skips what exists. Every action is reported as one line. A command-line tool: it blocks.
 */
public final class GlobalTableProvisioner {

    private final DynamoDbClient dynamo;
    private final Consumer<String> report;
    private final Duration timeout;
    private final Duration poll;

    public GlobalTableProvisioner(DynamoDbClient dynamo, Consumer<String> report, Duration timeout, Duration poll) {
        this.dynamo = dynamo;
        this.report = report;
        this.timeout = timeout;
        this.poll = poll;
    }

    public void provision(List<TableSpec> tables, List<String> regions) {
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("at least one region is needed");
        }
        String home = regions.get(0);
        for (TableSpec table : tables) {
            ensureTable(table, home);
            ensureTtl(table);
            for (String region : regions.subList(1, regions.size())) {
                ensureReplica(table.name(), home, region);
            }
            TableDescription done = awaitActive(table.name(), Set.copyOf(regions.subList(1, regions.size())));
            ensureTtl(table);
            report.accept("table " + table.name() + " ACTIVE in " + home + replicaSummary(done));
        }
    }

    private void ensureTable(TableSpec table, String home) {
        TableDescription existing = describe(table.name());
        if (existing != null) {
            report.accept("table " + table.name() + " exists in " + home + " (" + existing.tableStatus()
                    + ", stream " + streamView(existing) + "): not created");
            return;
        }
        try {
            dynamo.createTable(table.createRequest());
            report.accept("created table " + table.name() + " in " + home
                    + " (key " + table.keyDescription() + ", " + TableSpec.LAYOUT + ")");
        } catch (ResourceInUseException e) {
            report.accept("table " + table.name() + " was created concurrently in " + home + ": not created");
        }
    }

    /** TTL is a per-table setting that global tables apply to every replica. */
    private void ensureTtl(TableSpec table) {
        if (table.ttlAttribute() == null) {
            return;
        }
        awaitActive(table.name(), Set.of());
        var described = dynamo.describeTimeToLive(b -> b.tableName(table.name())).timeToLiveDescription();
        var status = described == null ? null : described.timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            report.accept("TTL on " + table.name() + "." + table.ttlAttribute() + " is " + status + ": unchanged");
            return;
        }
        dynamo.updateTimeToLive(table.ttlRequest());
        report.accept("enabled TTL on " + table.name() + "." + table.ttlAttribute());
    }

    private void ensureReplica(String table, String home, String region) {
        TableDescription current = awaitActive(table, Set.of());
        ReplicaDescription replica = replicas(current).get(region);
        if (replica != null) {
            report.accept("replica of " + table + " in " + region + " exists (" + replica.replicaStatus() + "): skipped");
            return;
        }
        dynamo.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .create(CreateReplicationGroupMemberAction.builder().regionName(region).build())
                .build()));
        report.accept("adding replica of " + table + " in " + region + " (UpdateTable ReplicaUpdates Create in " + home + ")");
        awaitActive(table, Set.of(region));
        report.accept("added replica of " + table + " in " + region);
    }

    /** Polls until the table and the given replicas are ACTIVE. */
    private TableDescription awaitActive(String table, Set<String> replicaRegions) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            TableDescription description = describe(table);
            if (description != null && description.tableStatus() == TableStatus.ACTIVE) {
                Map<String, ReplicaDescription> replicas = replicas(description);
                boolean allActive = replicaRegions.stream().allMatch(region ->
                        replicas.containsKey(region) && replicas.get(region).replicaStatus() == ReplicaStatus.ACTIVE);
                if (allActive) {
                    return description;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + table + " (replicas " + replicaRegions + ") not ACTIVE after "
                        + timeout + "; rerun the command to continue");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + table, e);
            }
        }
    }

    private TableDescription describe(String table) {
        try {
            return dynamo.describeTable(b -> b.tableName(table)).table();
        } catch (ResourceNotFoundException e) {
            return null;
        }
    }

    private static Map<String, ReplicaDescription> replicas(TableDescription table) {
        return table.hasReplicas()
                ? table.replicas().stream().collect(Collectors.toMap(ReplicaDescription::regionName, r -> r, (a, b) -> a))
                : Map.of();
    }

    private static String streamView(TableDescription table) {
        StreamSpecification stream = table.streamSpecification();
        return stream == null || !Boolean.TRUE.equals(stream.streamEnabled()) ? "off" : String.valueOf(stream.streamViewType());
    }

    private static String replicaSummary(TableDescription table) {
        Map<String, ReplicaDescription> replicas = replicas(table);
        return replicas.isEmpty() ? ", no replicas" : ", replicas " + replicas.values().stream()
                .map(r -> r.regionName() + " " + r.replicaStatus()).sorted().collect(Collectors.joining(", "));
    }
}
