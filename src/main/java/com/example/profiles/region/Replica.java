package com.example.profiles.region;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * One region's DynamoDB replica behind its own circuit breaker ({@link Breaker}, MicroProfile Fault
 * Tolerance semantics) that counts only {@link ReplicaFailures#isReplicaFailure replica
 * failures}, slow calls (over the time budget) included. While the breaker is open, calls fail at once with BreakerOpenException
 * without touching the endpoint; after its delay it lets probe calls through (half-open) and
 * closes again once they succeed.
 */
public final class Replica {

    private static final Logger LOG = Logger.getLogger(Replica.class);
    private final String region;
    private final DynamoDbAsyncClient client;
    private final Duration timeout;
    private final Breaker breaker;
    /** The last state announced, for the log line's "was". */
    private final AtomicReference<BreakerState> state = new AtomicReference<>(BreakerState.CLOSED);
    private final AtomicLong transitions = new AtomicLong();

    Replica(String region, DynamoDbAsyncClient client, Duration timeout, BreakerSettings breaker) {
        this.region = region;
        this.client = client;
        this.timeout = timeout;
        this.breaker = new Breaker(breaker, this::stateChanged);
    }

    /**
     * Runs {@code call} against this replica's client under the breaker, at subscription time. The
     * time budget is applied inside, so that the breaker counts a slow call as failed;
     * giving up cancels the SDK call, including the retries it would still make.
     */
    public <T> Uni<T> call(Function<DynamoDbAsyncClient, Uni<T>> call) {
        return Uni.createFrom().deferred(() -> {
            Breaker.Phase admitted = breaker.admit();
            if (admitted == null) {
                return Uni.createFrom().failure(new BreakerOpenException(region));
            }
            return call.apply(client)
                    .ifNoItem().after(timeout).failWith(() -> new ReplicaTimeoutException(region, timeout))
                    .onItemOrFailure().invoke((item, failure) ->
                            breaker.record(admitted, failure == null || !ReplicaFailures.isReplicaFailure(failure)))
                    .onCancellation().invoke(() -> breaker.abandoned(admitted));
        });
    }

    public String region() {
        return region;
    }

    public DynamoDbAsyncClient client() {
        return client;
    }

    public BreakerState breakerState() {
        return breaker.state();
    }

    /** State changes of the breaker since start: lets a check tell whether it moved in between. */
    public long breakerTransitions() {
        return transitions.get();
    }

    /** For the gauge: 0 closed, 1 open, 2 half-open. */
    public int breakerStateCode() {
        return switch (breaker.state()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    private void stateChanged(BreakerState next) {
        transitions.incrementAndGet();
        BreakerState previous = state.getAndSet(next);
        if (next == BreakerState.OPEN) {
            LOG.warnf("circuit breaker of region %s opened (was %s)", region, previous);
        } else {
            LOG.infof("circuit breaker of region %s is %s (was %s)", region, next, previous);
        }
    }

    /** The breaker's parameters, independent of where they are configured. */
    public record BreakerSettings(int requestVolumeThreshold, double failureRatio, Duration delay, int successThreshold) {
    }
}
