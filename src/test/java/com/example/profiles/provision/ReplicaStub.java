package com.example.profiles.provision;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * Records every request the provisioner sends, and stands in for the one part of global tables
 * the local engine lacks. It does exactly two things to the traffic, and nothing else:
 * <ul>
 * <li>an UpdateTable carrying ReplicaUpdates is recorded, and reaches the engine with those
 * replica updates replaced by a no-op (BillingMode PAY_PER_REQUEST, which the table already has);</li>
 * <li>DescribeTable responses from the engine get the replicas created so far (or pre-seeded)
 * added to their {@code Replicas} list, as ACTIVE.</li>
 * </ul>
 * Table creation, status and waiting all come from the real engine.
 */
final class ReplicaStub implements ExecutionInterceptor {

    final List<SdkRequest> requests = Collections.synchronizedList(new ArrayList<>());
    /** Replica regions per table name. */
    private final Map<String, Set<String>> replicas = new ConcurrentHashMap<>();
    private final Set<String> existing;

    /** @param existingReplicas regions every table already has a replica in, as on a rerun */
    ReplicaStub(Set<String> existingReplicas) {
        this.existing = Set.copyOf(existingReplicas);
    }

    private Set<String> replicasOf(String table) {
        return replicas.computeIfAbsent(table, t -> Collections.synchronizedSet(new LinkedHashSet<>(existing)));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        requests.add(request);
        if (request instanceof UpdateTableRequest update && update.hasReplicaUpdates()) {
            for (ReplicationGroupUpdate replicaUpdate : update.replicaUpdates()) {
                if (replicaUpdate.create() != null) {
                    replicasOf(update.tableName()).add(replicaUpdate.create().regionName());
                }
            }
            return update.toBuilder().replicaUpdates((List<ReplicationGroupUpdate>) null)
                    .billingMode(BillingMode.PAY_PER_REQUEST).build();
        }
        return request;
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        if (context.response() instanceof DescribeTableResponse describe && describe.table() != null
                && !replicasOf(describe.table().tableName()).isEmpty()) {
            List<ReplicaDescription> stubbed = List.copyOf(replicasOf(describe.table().tableName())).stream()
                    .map(region -> ReplicaDescription.builder().regionName(region).replicaStatus(ReplicaStatus.ACTIVE).build())
                    .toList();
            return describe.toBuilder().table(describe.table().toBuilder().replicas(stubbed).build()).build();
        }
        return context.response();
    }

    List<UpdateTableRequest> replicaUpdates() {
        synchronized (requests) {
            return requests.stream().filter(r -> r instanceof UpdateTableRequest u && u.hasReplicaUpdates())
                    .map(UpdateTableRequest.class::cast).toList();
        }
    }

    long count(Class<? extends SdkRequest> type) {
        synchronized (requests) {
            return requests.stream().filter(type::isInstance).count();
        }
    }
}
