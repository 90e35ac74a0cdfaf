package com.example.profiles.recommend;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

import com.example.profiles.catalog.Embeddings;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Precision;
import com.example.profiles.kernel.SearchResult;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

/**
 * Batching mechanics with an executor the test runs by hand, so that "requests queued while the drainer
 * was busy" is a fact, not a race. The scorer answers each query with its own k as the top row, so a
 * result delivered to the wrong request shows.
 */
class ScanBatcherTest {

    private final Embeddings snapshotA = embeddings("a");
    private final Embeddings snapshotB = embeddings("b");
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final Executor manual = tasks::add;
    private final List<List<Integer>> passes = new ArrayList<>();

    private ScanBatcher batcher(int maxBatch, int maxDrainers) {
        return new ScanBatcher(maxBatch, maxDrainers, manual, (catalog, q) -> {
            if (q.k() < 0) {
                throw new IllegalArgumentException("k must be positive: " + q.k());
            }
        }, (catalog, queries) -> {
            List<Integer> ks = new ArrayList<>();
            List<TopKOutcome> results = new ArrayList<>();
            for (TopKQuery q : queries) {
                if (q.k() == 666) {
                    throw new IllegalStateException("scan failed");
                }
                ks.add(q.k());
                results.add(new TopKOutcome(new SearchResult(new int[] {q.k()}, new float[] {catalog.version().charAt(0)}),
                        1, false, null));
            }
            passes.add(ks);
            return results;
        });
    }

    @Test
    void requestsQueuedBehindABusyDrainerShareOnePass() {
        ScanBatcher batcher = batcher(4, 1);
        List<CompletableFuture<TopKOutcome>> answers = submitKsUpTo(batcher, 6);
        assertThat(tasks).hasSize(1); // one drainer, started by the first request
        runAll();
        assertThat(passes).containsExactly(List.of(1, 2, 3, 4), List.of(5, 6));
        for (int k = 1; k <= 6; k++) {
            assertThat(answers.get(k - 1).join().result().rows()).containsExactly(k);
        }
    }

    @Test
    void aLoneRequestIsScannedAtOnce() {
        ScanBatcher batcher = batcher(8, 2);
        CompletableFuture<TopKOutcome> first = submit(batcher, snapshotA, 1);
        runAll();
        CompletableFuture<TopKOutcome> second = submit(batcher, snapshotA, 2);
        runAll();
        assertThat(passes).containsExactly(List.of(1), List.of(2));
        assertThat(first.join().result().rows()).containsExactly(1);
        assertThat(second.join().result().rows()).containsExactly(2);
    }

    @Test
    void drainersAreCappedAndEachTakesItsOwnBatch() {
        ScanBatcher batcher = batcher(2, 2);
        List<CompletableFuture<TopKOutcome>> answers = submitKsUpTo(batcher, 5);
        assertThat(tasks).hasSize(2);
        runAll();
        assertThat(passes).containsExactly(List.of(1, 2), List.of(3, 4), List.of(5));
        assertThat(answers).allSatisfy(a -> assertThat(a).isCompleted());
    }

    @Test
    void aBadQueryFailsAloneAndAFailedPassFailsOnlyItsQueries() {
        ScanBatcher batcher = batcher(3, 1);
        CompletableFuture<TopKOutcome> ok = submit(batcher, snapshotA, 1);
        CompletableFuture<TopKOutcome> bad = submit(batcher, snapshotA, -1);
        CompletableFuture<TopKOutcome> okToo = submit(batcher, snapshotA, 2);
        CompletableFuture<TopKOutcome> doomed = submit(batcher, snapshotA, 666);
        CompletableFuture<TopKOutcome> sameScan = submit(batcher, snapshotA, 4);
        CompletableFuture<TopKOutcome> sameScanToo = submit(batcher, snapshotA, 5);
        CompletableFuture<TopKOutcome> nextScan = submit(batcher, snapshotA, 7);
        runAll();
        assertThat(passes).containsExactly(List.of(1, 2), List.of(7));
        assertThat(ok.join().result().rows()).containsExactly(1);
        assertThat(okToo.join().result().rows()).containsExactly(2);
        assertThatThrownBy(bad::join).hasCauseInstanceOf(IllegalArgumentException.class);
        for (CompletableFuture<TopKOutcome> failed : List.of(doomed, sameScan, sameScanToo)) {
            assertThatThrownBy(failed::join).hasCauseInstanceOf(IllegalStateException.class);
        }
        assertThat(nextScan.join().result().rows()).containsExactly(7);
    }

    @Test
    void eachCatalogSnapshotGetsItsOwnPass() {
        ScanBatcher batcher = batcher(8, 1);
        CompletableFuture<TopKOutcome> a1 = submit(batcher, snapshotA, 1);
        CompletableFuture<TopKOutcome> b2 = submit(batcher, snapshotB, 2);
        CompletableFuture<TopKOutcome> a3 = submit(batcher, snapshotA, 3);
        runAll();
        assertThat(passes).containsExactlyInAnyOrder(List.of(1, 3), List.of(2));
        assertThat(a1.join().result().scores()).containsExactly('a');
        assertThat(b2.join().result().scores()).containsExactly('b');
        assertThat(a3.join().result().scores()).containsExactly('a');
    }

    @Test
    void aRejectingExecutorFailsTheRequestInsteadOfLosingIt() {
        ScanBatcher batcher = new ScanBatcher(4, 1, task -> {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }, (c, q) -> { }, (c, qs) -> List.of());
        CompletableFuture<TopKOutcome> answer = submit(batcher, snapshotA, 1);
        assertThatThrownBy(answer::join).hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        assertThatThrownBy(() -> new ScanBatcher(0, 1, manual, (c, q) -> { }, (c, qs) -> List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Queries with k = 1..n against snapshot A, in that order. */
    private List<CompletableFuture<TopKOutcome>> submitKsUpTo(ScanBatcher batcher, int n) {
        List<CompletableFuture<TopKOutcome>> answers = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            answers.add(submit(batcher, snapshotA, k));
        }
        return answers;
    }

    private static CompletableFuture<TopKOutcome> submit(ScanBatcher batcher, Embeddings snapshot, int k) {
        return batcher.submit(snapshot, new TopKQuery(new float[] {1f}, Metric.DOT, k, null))
                .subscribeAsCompletionStage();
    }

    private void runAll() {
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    private static Embeddings embeddings(String version) {
        return new Embeddings(null, null, Precision.FLOAT32, version);
    }
}
