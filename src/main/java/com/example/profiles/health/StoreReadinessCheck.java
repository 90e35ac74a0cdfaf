package com.example.profiles.health;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.region.RegionRouter;
import com.example.profiles.region.Replica;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Ready while reads can be served: the local replica's profile table answers DescribeTable within
 * {@code profiles.health.timeout}, or, failing that, a fallback region's does. DOWN only when no
 * region can describe the table, so that a regional outage does not take every pod out of its
 * Service while reads still fail over. The data shows the local breaker and where reads go now.
 */
@Readiness
@ApplicationScoped
public class StoreReadinessCheck implements AsyncHealthCheck {

    private final RegionRouter regions;
    private final ProfileConfig config;
    private final HealthConfig health;
    private final String localRegion;

    public StoreReadinessCheck(RegionRouter regions, ProfileConfig config, HealthConfig health) {
        this.health = health;
        this.localRegion = regions.local().region();
        this.regions = regions;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return describe(regions.local()).flatMap(localStatus -> {
            if (localStatus.available()) {
                return Uni.createFrom().item(response(localStatus, regions.servingRegion(), localStatus.status()));
            }
            return firstAvailable(regions.fallbacks(), 0).map(fallback -> fallback == null
                    ? response(localStatus, null, null)
                    : response(localStatus, fallback.region(), fallback.status()));
        });
    }

    private Uni<TableStatus> firstAvailable(List<Replica> fallbacks, int index) {
        if (index >= fallbacks.size()) {
            return Uni.createFrom().nullItem();
        }
        return describe(fallbacks.get(index))
                .flatMap(status -> status.available() ? Uni.createFrom().item(status) : firstAvailable(fallbacks, index + 1));
    }

    /** DescribeTable straight on the replica's client: health probes must not trip the breakers. */
    private Uni<TableStatus> describe(Replica replica) {
        DescribeTableRequest request = DescribeTableRequest.builder().tableName(config.table()).build();
        return Uni.createFrom().completionStage(() -> replica.client().describeTable(request))
                .map(response -> new TableStatus(replica.region(), String.valueOf(response.table().tableStatus()), true))
                .ifNoItem().after(health.timeout()).fail()
                .onFailure(ResourceNotFoundException.class).recoverWithItem(new TableStatus(replica.region(), "MISSING", false))
                .onFailure().recoverWithItem(failure ->
                        new TableStatus(replica.region(), "UNREACHABLE (" + failure.getClass().getSimpleName() + ")", false));
    }

    private HealthCheckResponse response(TableStatus local, String servingRegion, String servingStatus) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named("profile-store")
                .status(servingRegion != null)
                .withData("table", config.table())
                .withData("region", localRegion)
                .withData("table_status", local.status())
                .withData("local_breaker", regions.local().breakerState().name())
                .withData("serving_region", servingRegion == null ? "none" : servingRegion);
        if (servingRegion != null && !servingRegion.equals(localRegion) && servingStatus != null) {
            builder.withData("serving_table_status", servingStatus);
        }
        regions.fallbacks().forEach(f -> builder.withData("breaker_" + f.region(), f.breakerState().name()));
        return builder.build();
    }

    private record TableStatus(String region, String status, boolean available) {
    }
}
