package com.example.profiles.lifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.CatalogConfig;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.startup.StartupOrder;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * Removes a retired model's stored vectors, items' ({@link ItemStore#removeModelVectors}) then users'
 * ({@link UserVectorPurge}), in the background, once across pods and restarts: a pod purges only while it holds
 * the purge's lease on the registry row ({@link PurgeLedger}), which it renews every third of
 * {@code models.purge.lease} and gives up when it fails. Each side is recorded when done, so a purge taken over
 * after a failure or a restart skips what was finished; the purge is recorded when both are. Every pod looks, at
 * start and every catalog refresh, for a retired model whose purge is not recorded and whose lease expired, and
 * takes it over. Both sides are idempotent: a second run (a lease lost to a stalled pod) removes nothing twice.
 * Metric {@code models_vectors_removed_total{model, kind="items"|"users"}}.
 */
@ApplicationScoped
public class VectorPurge {

    private static final Logger LOG = Logger.getLogger(VectorPurge.class);
    private static final Duration MIN_LEASE = Duration.ofSeconds(10);

    /** What one call did. */
    public enum Result {
        /** This call removed the model's vectors (those not removed by an earlier, interrupted run). */
        PURGED,
        /** The purge was recorded as done before. */
        ALREADY_PURGED,
        /** Another pod (or instance) holds the lease. */
        HELD_ELSEWHERE,
        /** This instance is purging the model already. */
        RUNNING_HERE,
        /** The model is not defined, or not retired. */
        NOT_RETIRED
    }

    /** @param items, users vectors this call removed */
    public record Outcome(String model, Result result, long items, long users, Duration took) {

        static Outcome skipped(String model, Result result) {
            return new Outcome(model, result, 0, 0, Duration.ZERO);
        }
    }

    private final ItemStore items;
    private final PurgeLedger ledger;
    private final UserVectorPurge users;
    private final PurgeConfig config;
    private final CatalogConfig catalog;
    private final MeterRegistry meters;
    private final Vertx vertx;
    /** Who holds a lease: this instance, distinct across pods and restarts. */
    private final String owner;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private long timer = -1;

    public VectorPurge(ItemStore items, PurgeLedger ledger, UserVectorPurge users, PurgeConfig config,
                       CatalogConfig catalog, MeterRegistry meters, Vertx vertx) {
        this.items = items;
        this.ledger = ledger;
        this.users = users;
        this.config = config;
        this.catalog = catalog;
        this.meters = meters;
        this.vertx = vertx;
        this.owner = host() + "/" + UUID.randomUUID();
    }

    void onStart(@Observes @Priority(StartupOrder.CATALOG + 1) StartupEvent event) {
        validate(config);
        // One-shot commands (provision) do not touch the Items table.
        if (!catalog.load()) {
            return;
        }
        sweepInBackground();
        long period = config.sweepInterval().orElse(catalog.refresh()).toMillis();
        timer = vertx.setPeriodic(Math.max(1_000, period), id -> sweepInBackground());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Stops start-up with one line naming a setting that cannot work. */
    static void validate(PurgeConfig config) {
        if (config.lease().compareTo(MIN_LEASE) < 0) {
            throw new IllegalStateException("models.purge.lease must be at least " + MIN_LEASE.toSeconds() + "s, not "
                    + config.lease());
        }
        if (config.scanSegments() < 1) {
            throw new IllegalStateException("models.purge.scan-segments must be at least 1, not " + config.scanSegments());
        }
        if (config.inFlight() < 1 || config.inFlight() > 64) {
            throw new IllegalStateException("models.purge.in-flight must be 1..64, not " + config.inFlight());
        }
        config.sweepInterval().filter(interval -> interval.isNegative() || interval.isZero()).ifPresent(interval -> {
            throw new IllegalStateException("models.purge.sweep-interval must be positive, not " + interval);
        });
    }

    /** Starts removing the vectors of {@code model}, which must be retired, in the background. */
    public void start(ModelDefinition model) {
        if (!model.retired()) {
            throw new IllegalArgumentException("model " + model.name() + " is not retired");
        }
        run(model.name()).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(
                outcome -> { },
                failure -> LOG.warnf("purge of retired model %s's vectors failed; a pod takes it up again at a later"
                        + " refresh: %s", model.name(), failure.toString()));
    }

    /** Purges every retired model whose purge is not recorded and whose lease expired, one after the other. */
    public Uni<List<Outcome>> sweep() {
        return ledger.states()
                .map(states -> {
                    long now = System.currentTimeMillis();
                    return states.stream().filter(state -> state.pending(now)).map(PurgeLedger.State::model).toList();
                })
                .onItem().transformToMulti(models -> Multi.createFrom().iterable(models))
                .onItem().transformToUniAndConcatenate(this::run)
                .collect().asList();
    }

    private void sweepInBackground() {
        sweep().runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).subscribe().with(
                outcomes -> { },
                failure -> LOG.warnf("purging the vectors of retired models failed, trying again at the next refresh:"
                        + " %s", failure.toString()));
    }

    /**
     * Purges {@code model}'s vectors if this instance gets the lease: completes when done (or when another holds
     * it, or it was done before); fails when a side failed, having given the lease up.
     */
    public Uni<Outcome> run(String model) {
        return Uni.createFrom().deferred(() -> {
            if (!running.add(model)) {
                return Uni.createFrom().item(Outcome.skipped(model, Result.RUNNING_HERE));
            }
            long started = System.nanoTime();
            return ledger.take(model, owner, config.lease())
                    .flatMap(taken -> taken ? purge(model, started) : skipped(model))
                    .eventually(() -> running.remove(model));
        });
    }

    private Uni<Outcome> skipped(String model) {
        return ledger.state(model).map(state -> Outcome.skipped(model, state == null || !state.retired()
                ? Result.NOT_RETIRED : state.purgedAt() != null ? Result.ALREADY_PURGED : Result.HELD_ELSEWHERE));
    }

    private Uni<Outcome> purge(String model, long started) {
        return ledger.state(model).flatMap(state -> {
            LOG.infof("purge of retired model %s's vectors started by %s (items %s, users %s)", model, owner,
                    state.itemsPurgedAt() == null ? "to do" : "done before", state.usersPurgedAt() == null ? "to do"
                            : "done before");
            CompletableFuture<Outcome> lost = new CompletableFuture<>();
            Cancellable heartbeat = heartbeat(model, lost);
            Uni<Long> itemSide = state.itemsPurgedAt() != null ? Uni.createFrom().item(0L)
                    : items.removeModelVectors(model, config.scanSegments(), config.inFlight(), removed(model, "items")::increment)
                            .call(removed -> ledger.sideDone(model, PurgeLedger.Side.ITEMS, removed));
            Uni<Outcome> work = itemSide.flatMap(itemCount -> userSide(model, state)
                            .map(userCount -> new Outcome(model, Result.PURGED, itemCount, userCount, since(started))))
                    .call(outcome -> ledger.purged(model));
            return Uni.combine().any().of(work, Uni.createFrom().completionStage(lost))
                    .invoke(outcome -> LOG.infof("purge of retired model %s's vectors done: %d item vectors and %d user"
                            + " vectors removed in %.1f s", model, outcome.items(), outcome.users(),
                            outcome.took().toMillis() / 1000.0))
                    .onFailure().call(failure -> ledger.release(model, owner).onFailure().recoverWithNull())
                    .eventually(heartbeat::cancel);
        });
    }

    private Uni<Long> userSide(String model, PurgeLedger.State state) {
        if (state.usersPurgedAt() != null) {
            return Uni.createFrom().item(0L);
        }
        return Uni.createFrom().deferred(() -> users.removeModelVectors(model))
                .invoke(removed -> removed(model, "users").increment(removed))
                .call(removed -> ledger.sideDone(model, PurgeLedger.Side.USERS, removed));
    }

    /** Renews the lease every third of it; completes {@code lost} when another holder took it. */
    private Cancellable heartbeat(String model, CompletableFuture<Outcome> lost) {
        return Multi.createFrom().ticks().every(config.lease().dividedBy(3))
                .onOverflow().drop()
                // A renewal the store did not answer is no proof of loss: the next one may pass.
                .onItem().transformToUniAndConcatenate(tick -> ledger.renew(model, owner, config.lease())
                        .onFailure().recoverWithItem(true))
                .subscribe().with(renewed -> {
                    if (!renewed) {
                        lost.completeExceptionally(new IllegalStateException("the lease of model " + model
                                + "'s purge passed to another pod; it goes on with it"));
                    }
                });
    }

    private Counter removed(String model, String kind) {
        return Counter.builder("models.vectors.removed").tag("model", model).tag("kind", kind)
                .description("Stored vectors of retired models removed by purges").register(meters);
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** The pod's name in Kubernetes (no DNS lookup at start). */
    private static String host() {
        return System.getenv().getOrDefault("HOSTNAME", "pod");
    }
}
