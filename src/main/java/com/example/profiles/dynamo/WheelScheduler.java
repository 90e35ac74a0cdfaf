package com.example.profiles.dynamo;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;

/**
 * The SDK's timer for call and attempt timeouts and retry back-off, on a hashed timer wheel. The SDK
 * arms two timeouts per call and cancels both when the answer comes, almost always long before they
 * fire; a wheel takes both as lock-free queue insertions, where a heap-based scheduler takes a lock and
 * may wake its thread per call. Deadlines are kept to the wheel's tick ({@value #TICK_MILLIS} ms); tasks
 * that fire run on {@code runner}, never on the wheel's own thread.
 */
public final class WheelScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    static final long TICK_MILLIS = 10;

    private final HashedWheelTimer wheel;
    private final Executor runner;
    private volatile boolean shutdown;

    public WheelScheduler(String threadName, Executor runner) {
        ThreadFactory threads = task -> {
            Thread thread = new Thread(task, threadName);
            thread.setDaemon(true);
            return thread;
        };
        this.wheel = new HashedWheelTimer(threads, TICK_MILLIS, TimeUnit.MILLISECONDS, 512);
        this.runner = runner;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return arm(new Scheduled<Void>(command, unit.toNanos(delay)));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return arm(new Scheduled<>(callable, unit.toNanos(delay)));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return arm(new Periodic(command, unit.toNanos(initialDelay), unit.toNanos(period), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return arm(new Periodic(command, unit.toNanos(initialDelay), unit.toNanos(delay), false));
    }

    @Override
    public void execute(Runnable command) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler shut down");
        }
        runner.execute(command);
    }

    @Override
    public void shutdown() {
        shutdown = true;
        wheel.stop();
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return shutdown;
    }

    private <T extends Scheduled<?>> T arm(T task) {
        if (shutdown) {
            throw new RejectedExecutionException("scheduler shut down");
        }
        task.timeout = wheel.newTimeout(fired -> runner.execute(task), Math.max(0, task.deadline - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        return task;
    }

    /** A one-shot task with its deadline; cancelling it also takes it off the wheel. */
    private static class Scheduled<V> extends FutureTask<V> implements ScheduledFuture<V> {
        volatile long deadline;
        volatile Timeout timeout;

        Scheduled(Callable<V> callable, long delayNanos) {
            super(callable);
            this.deadline = System.nanoTime() + delayNanos;
        }

        Scheduled(Runnable runnable, long delayNanos) {
            super(runnable, null);
            this.deadline = System.nanoTime() + delayNanos;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Timeout armed = timeout;
            if (armed != null) {
                armed.cancel();
            }
            return super.cancel(mayInterruptIfRunning);
        }
    }

    /** A repeating task: runs, then arms itself again until cancelled or failed. */
    private final class Periodic extends Scheduled<Void> {
        private final long periodNanos;
        private final boolean fixedRate;

        Periodic(Runnable command, long initialDelayNanos, long periodNanos, boolean fixedRate) {
            super(command, initialDelayNanos);
            if (periodNanos <= 0) {
                throw new IllegalArgumentException("period must be positive");
            }
            this.periodNanos = periodNanos;
            this.fixedRate = fixedRate;
        }

        @Override
        public void run() {
            if (!runAndReset()) {
                return;
            }
            deadline = fixedRate ? deadline + periodNanos : System.nanoTime() + periodNanos;
            if (!isCancelled() && !shutdown) {
                arm(this);
            }
        }
    }
}
