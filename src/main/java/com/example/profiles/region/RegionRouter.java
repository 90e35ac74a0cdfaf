package com.example.profiles.region;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;


import com.example.profiles.error.ProblemException;
import com.example.profiles.dynamo.StoreErrors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Sends each DynamoDB call to a region. Reads go to the local replica and, when it fails (error,
 * time budget exceeded, or its breaker open), to the fallback regions in order; the region that
 * answered is recorded for {@code X-Served-Region}. Writes go to the local replica only and answer
 * 503 with Retry-After while it is down, unless {@code profiles.failover.writes-to-fallback} is on.
 */
@ApplicationScoped
public class RegionRouter {

    private final Replica local;
    private final List<Replica> fallbacks;
    private final List<Replica> all;
    private final boolean writesToFallback;
    private final int retryAfterSeconds;
    private final MeterRegistry metrics;

    public RegionRouter(RegionConfig config, DynamoDbAsyncClient localClient, FallbackClients fallbackClients,
            MeterRegistry metrics) {
        RegionConfig.Failover failover = config.failover();
        RegionConfig.Failover.Breaker b = failover.breaker();
        Replica.BreakerSettings breaker = new Replica.BreakerSettings(b.requestVolumeThreshold(), b.failureRatio(),
                b.delay(), b.successThreshold());
        this.local = new Replica(config.region(), localClient, failover.readTimeout(), breaker);
        List<Replica> others = new ArrayList<>();
        fallbackClients.clients().forEach((region, client) ->
                others.add(new Replica(region, client, failover.fallbackTimeout(), breaker)));
        this.fallbacks = List.copyOf(others);
        List<Replica> every = new ArrayList<>();
        every.add(local);
        every.addAll(fallbacks);
        this.all = List.copyOf(every);
        this.writesToFallback = failover.writesToFallback();
        this.retryAfterSeconds = (int) Math.max(1, (b.delay().toMillis() + 999) / 1000);
        this.metrics = metrics;
        for (Replica replica : all) {
            Gauge.builder("profiles.failover.breaker.state", replica, Replica::breakerStateCode)
                    .description("Circuit breaker of a region's DynamoDB replica: 0 closed, 1 open, 2 half-open")
                    .tag("region", replica.region())
                    .register(metrics);
        }
    }

    /** A read: local first, then each fallback region in order while the failure is the replica's. */
    public <T> Uni<T> read(Function<DynamoDbAsyncClient, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> attempt(0, call, ServedRegion.capture()))
                .onFailure().transform(RegionRouter::toProblem);
    }

    private <T> Uni<T> attempt(int index, Function<DynamoDbAsyncClient, Uni<T>> call, Context request) {
        Replica replica = all.get(index);
        return replica.call(call)
                .invoke(() -> served(replica, index > 0, "read", request))
                .onFailure(failure -> index + 1 < all.size() && ReplicaFailures.movesToNextRegion(failure))
                .recoverWithUni(failure -> attempt(index + 1, call, request));
    }

    /** A write: the local replica only, unless writes-to-fallback allows the first fallback region. */
    public <T> Uni<T> write(Function<DynamoDbAsyncClient, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Context request = ServedRegion.capture();
            return local.call(call)
                    .onFailure(ReplicaFailures::movesToNextRegion)
                    .recoverWithUni(failure -> {
                        if (writesToFallback && !fallbacks.isEmpty()) {
                            Replica first = fallbacks.get(0);
                            return first.call(call).invoke(() -> served(first, true, "write", request));
                        }
                        return Uni.createFrom().failure(ProblemException.unavailable("the profile store of region "
                                + local.region() + " is unavailable; writes are not sent to other regions, retry later",
                                retryAfterSeconds, failure));
                    });
        }).onFailure().transform(RegionRouter::toProblem);
    }

    private void served(Replica replica, boolean failedOver, String operation, Context request) {
        ServedRegion.record(request, replica.region());
        if (failedOver) {
            Counter.builder("profiles.failover")
                    .description("Calls served by a fallback region because the local replica failed")
                    .tag("region", replica.region())
                    .tag("operation", operation)
                    .register(metrics)
                    .increment();
        }
    }

    /** The guard's own exceptions become problems; store failures are left to StoreErrors. */
    private static Throwable toProblem(Throwable failure) {
        Throwable e = StoreErrors.unwrap(failure);
        if (e instanceof BreakerOpenException) {
            return ProblemException.unavailable("no region's profile store is available now", 1, e);
        }
        if (e instanceof ReplicaTimeoutException) {
            return ProblemException.unavailable("the profile store did not answer in time", 1, e);
        }
        return failure;
    }

    public Replica local() {
        return local;
    }

    public List<Replica> fallbacks() {
        return fallbacks;
    }

    /** Where reads go now: the local region unless its breaker is open, else the first fallback not open. */
    public String servingRegion() {
        for (Replica replica : all) {
            if (replica.breakerState() != BreakerState.OPEN) {
                return replica.region();
            }
        }
        return local.region();
    }
}
