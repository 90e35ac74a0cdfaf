package com.example.profiles.region;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A count-based circuit breaker with MicroProfile Fault Tolerance's semantics: closed, it keeps the
 * outcomes of the last {@code requestVolumeThreshold} calls and opens when that window is full and
 * holds at least ceil(failureRatio x window) failures; open, it refuses calls until {@code delay} has
 * passed, then turns half-open (also by a timer, so that observers see it without traffic); half-open,
 * it lets {@code successThreshold} probe calls through, closes when all of them succeed and opens again
 * on the first failure.
 * <p>
 * Written for {@link Replica} instead of a SmallRye Fault Tolerance guard: the guard turned every
 * DynamoDB call's Uni into a CompletionStage and back through its invocation chain, which cost more
 * CPU per profile read than the breaker's decision itself, and its extension brought context
 * propagation, which wrapped every Mutiny callback of every request.
 */
final class Breaker {

    private final int window;
    private final int failureThreshold;
    private final long delayNanos;
    private final int successThreshold;
    private final Consumer<BreakerState> onStateChange;
    private final AtomicReference<Phase> phase;

    Breaker(Replica.BreakerSettings settings, Consumer<BreakerState> onStateChange) {
        if (settings.requestVolumeThreshold() < 1 || settings.successThreshold() < 1
                || settings.failureRatio() < 0 || settings.failureRatio() > 1) {
            throw new IllegalArgumentException("circuit breaker settings out of range: " + settings);
        }
        this.window = settings.requestVolumeThreshold();
        this.failureThreshold = (int) Math.ceil(settings.failureRatio() * window);
        this.delayNanos = Math.max(1, settings.delay().toMillis()) * 1_000_000L;
        this.successThreshold = settings.successThreshold();
        this.onStateChange = onStateChange;
        this.phase = new AtomicReference<>(new Closed(window));
    }

    BreakerState state() {
        return phase.get().state();
    }

    /** The phase a call runs under, or null when the breaker refuses it. */
    Phase admit() {
        Phase current = phase.get();
        if (current instanceof Open open) {
            if (System.nanoTime() - open.since < delayNanos) {
                return null;
            }
            moveTo(open, new HalfOpen());
            current = phase.get();
        }
        if (current instanceof HalfOpen half && half.probes.incrementAndGet() > successThreshold) {
            return null;
        }
        return current instanceof Open ? null : current;
    }

    /** Records the outcome of a call admitted under {@code admitted}. */
    void record(Phase admitted, boolean success) {
        if (admitted instanceof Closed closed) {
            if (closed.record(success, failureThreshold)) {
                open(closed);
            }
        } else if (admitted instanceof HalfOpen half) {
            if (!success) {
                open(half);
            } else if (half.successes.incrementAndGet() >= successThreshold) {
                moveTo(half, new Closed(window));
            }
        }
    }

    /** A call given up by its caller has no outcome; a half-open breaker gets its probe back. */
    void abandoned(Phase admitted) {
        if (admitted instanceof HalfOpen half) {
            half.probes.decrementAndGet();
        }
    }

    private void open(Phase from) {
        Open open = new Open(System.nanoTime());
        if (moveTo(from, open)) {
            Infrastructure.getDefaultWorkerPool().schedule(() -> moveTo(open, new HalfOpen()),
                    delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private boolean moveTo(Phase from, Phase to) {
        if (phase.compareAndSet(from, to)) {
            onStateChange.accept(to.state());
            return true;
        }
        return false;
    }

    sealed interface Phase permits Closed, Open, HalfOpen {
        BreakerState state();
    }

    /** The last {@code size} outcomes in a ring; the failure count is kept beside it. */
    static final class Closed implements Phase {
        private final boolean[] failed;
        private int next;
        private int recorded;
        private int failures;

        Closed(int size) {
            this.failed = new boolean[size];
        }

        /** True when the window is full and holds at least {@code threshold} failures. */
        synchronized boolean record(boolean success, int threshold) {
            if (recorded == failed.length) {
                if (failed[next]) {
                    failures--;
                }
            } else {
                recorded++;
            }
            failed[next] = !success;
            if (!success) {
                failures++;
            }
            next = (next + 1) % failed.length;
            return recorded == failed.length && failures >= threshold;
        }

        @Override
        public BreakerState state() {
            return BreakerState.CLOSED;
        }
    }

    record Open(long since) implements Phase {
        @Override
        public BreakerState state() {
            return BreakerState.OPEN;
        }
    }

    static final class HalfOpen implements Phase {
        final AtomicInteger probes = new AtomicInteger();
        final AtomicInteger successes = new AtomicInteger();

        @Override
        public BreakerState state() {
            return BreakerState.HALF_OPEN;
        }
    }
}
