package com.example.profiles.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's timer: fires no earlier than asked, on the runner, and not at all once cancelled. */
class WheelSchedulerTest {

    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> new Thread(task, "runner"));
    private final WheelScheduler scheduler = new WheelScheduler("wheel", runner);

    @AfterEach
    void stop() {
        scheduler.shutdown();
        runner.shutdownNow();
    }

    @Test
    void aTaskRunsOnTheRunnerNoEarlierThanItsDelay() throws Exception {
        AtomicReference<String> thread = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        long start = System.nanoTime();
        ScheduledFuture<String> future = scheduler.schedule(() -> {
            thread.set(Thread.currentThread().getName());
            ran.countDown();
            return "done";
        }, 150, TimeUnit.MILLISECONDS);

        assertThat(future.getDelay(TimeUnit.MILLISECONDS)).isBetween(1L, 150L);
        assertThat(future.get(5, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
        assertThat(ran.await(0, TimeUnit.SECONDS)).isTrue();
        assertThat(thread.get()).isEqualTo("runner");
        assertThat(future.isDone()).isTrue();
    }

    @Test
    void aCancelledTaskNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        ScheduledFuture<?> cancelled = scheduler.schedule(runs::incrementAndGet, 50, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> kept = scheduler.schedule(() -> { }, 200, TimeUnit.MILLISECONDS);

        assertThat(cancelled.cancel(false)).isTrue();
        kept.get(5, TimeUnit.SECONDS);
        assertThat(runs).hasValue(0);
        assertThat(cancelled.isCancelled()).isTrue();
    }

    @Test
    void manyArmedAndCancelledTimeoutsLeaveTheRestOnTime() throws Exception {
        // What the SDK does per call: arm a timeout, cancel it when the answer comes.
        AtomicInteger fired = new AtomicInteger();
        for (int i = 0; i < 100_000; i++) {
            scheduler.schedule(fired::incrementAndGet, 2, TimeUnit.SECONDS).cancel(false);
        }
        CountDownLatch due = new CountDownLatch(10);
        for (int i = 0; i < 10; i++) {
            scheduler.schedule(due::countDown, 20 + i, TimeUnit.MILLISECONDS);
        }
        assertThat(due.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fired).hasValue(0);
    }

    @Test
    void aPeriodicTaskRepeatsUntilCancelled() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        ScheduledFuture<?> periodic = scheduler.scheduleWithFixedDelay(() -> {
            runs.incrementAndGet();
            three.countDown();
        }, 10, 20, TimeUnit.MILLISECONDS);

        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        periodic.cancel(false);
        int after = runs.get();
        Thread.sleep(200);
        assertThat(runs.get()).isLessThanOrEqualTo(after + 1);
    }

    @Test
    void nothingIsTakenAfterShutdown() {
        scheduler.shutdown();
        assertThat(scheduler.isShutdown()).isTrue();
        assertThatThrownBy(() -> scheduler.schedule(() -> { }, 1, TimeUnit.MILLISECONDS))
                .isInstanceOf(RejectedExecutionException.class);
    }
}
