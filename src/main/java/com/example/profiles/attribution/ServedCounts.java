package com.example.profiles.attribution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;

/**
 * Answers served, counted in memory per (hour, arm, model, strategy) on the request path and added to the
 * store's counters in the background every {@code recommend.attribution.flush-interval}, with one atomic
 * {@code ADD} per counter that changed; never a store call on the request path. A flush that fails puts its
 * counts back for the next one; shutdown flushes once more. A pod that dies without shutting down loses what it
 * counted since its last flush: at most one interval of its served answers (see docs/attribution.md).
 */
@ApplicationScoped
public class ServedCounts {

    private static final Logger LOG = Logger.getLogger(ServedCounts.class);
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(5);

    /** One counter: the hour served (epoch hours) and what served it. */
    record Cell(long hour, String arm, String model, String strategy) {
    }

    private final Map<Cell, LongAdder> cells = new ConcurrentHashMap<>();
    private final CounterStore store;
    private final AttributionMetrics metrics;
    private final Vertx vertx;
    private final Duration interval;
    /** This pod's shard of the served counters: pods spread over the shards. */
    private final int shard = ThreadLocalRandom.current().nextInt(CounterTable.SHARDS);
    private final AtomicBoolean flushing = new AtomicBoolean();
    private long timer = -1;

    public ServedCounts(CounterStore store, AttributionMetrics metrics, Vertx vertx, AttributionConfig config) {
        this.store = store;
        this.metrics = metrics;
        this.vertx = vertx;
        this.interval = config.flushInterval();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(100, interval.toMillis()), id -> flush().subscribe().with(
                ignored -> { }, failure -> LOG.warnf("served answers not added to the store yet (kept for the next"
                        + " flush): %s", failure.getMessage())));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        try {
            // shutdown runs on the main thread: waiting here is intended
            flush().await().atMost(SHUTDOWN_FLUSH);
        } catch (RuntimeException e) {
            LOG.warnf("served answers of the last %s not added to the store at shutdown: %s", interval, e.getMessage());
        }
    }

    /** Counts one answer served at {@code servedAt} (epoch seconds). */
    void count(long servedAt, String arm, String model, String strategy) {
        cells.computeIfAbsent(new Cell(servedAt / 3600, arm, model, strategy), c -> new LongAdder()).increment();
        metrics.served(model, arm, strategy);
    }

    /** Adds every count not yet in the store; completes when the store took them (or failed, counts kept). */
    public Uni<Void> flush() {
        if (!flushing.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        long current = System.currentTimeMillis() / 3_600_000L;
        List<Map.Entry<Cell, Long>> taken = new ArrayList<>();
        cells.forEach((cell, adder) -> {
            long n = adder.sumThenReset();
            if (n != 0) {
                taken.add(Map.entry(cell, n));
            } else if (cell.hour() < current - 1) {
                // no request counts into an hour that ended over an hour ago
                cells.remove(cell, adder);
            }
        });
        return Multi.createFrom().iterable(taken)
                .onItem().transformToUni(e -> store.addServed(e.getKey().hour(), e.getKey().arm(), e.getKey().model(),
                                e.getKey().strategy(), e.getValue(), shard)
                        .replaceWith(Optional::<Throwable>empty)
                        .onFailure().recoverWithItem(failure -> {
                            cells.computeIfAbsent(e.getKey(), c -> new LongAdder()).add(e.getValue());
                            return Optional.of(failure);
                        }))
                .merge(4)
                .collect().asList()
                .eventually(() -> flushing.set(false))
                .flatMap(failures -> failures.stream().flatMap(Optional::stream).findFirst()
                        .map(f -> Uni.createFrom().<Void>failure(f)).orElseGet(() -> Uni.createFrom().voidItem()));
    }
}
