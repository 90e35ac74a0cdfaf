package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.profiles.catalog.Embeddings;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

/**
 * Opportunistic batching of int8 scans. A full scan of a large catalog is limited by memory bandwidth, so
 * scoring the queries that are waiting anyway in one pass over the codes ({@code Int8Search.topKBatch})
 * multiplies throughput under load. Nothing ever waits for a batch to fill: a request that finds a free
 * drainer is scanned at once, alone; only requests that queue behind busy drainers are taken together,
 * up to {@code maxBatch} at a time. Every query's answer is the one it would get alone.
 */
final class ScanBatcher {

    /** Scores queries against one snapshot's embeddings; the results are in the order of the queries. */
    @FunctionalInterface
    interface BatchScorer {
        List<TopKOutcome> score(Embeddings embeddings, List<TopKQuery> queries);
    }

    /** Checks one query before it joins a batch, so that a bad one cannot fail the others. */
    @FunctionalInterface
    interface QueryCheck {
        void check(Embeddings embeddings, TopKQuery query);
    }

    private record Pending(Embeddings embeddings, TopKQuery query, UniEmitter<? super TopKOutcome> emitter) {
    }

    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger drainers = new AtomicInteger();
    private final int maxBatch;
    private final int maxDrainers;
    private final Executor executor;
    private final QueryCheck check;
    private final BatchScorer scorer;

    ScanBatcher(int maxBatch, int maxDrainers, Executor executor, QueryCheck check, BatchScorer scorer) {
        if (maxBatch < 1 || maxDrainers < 1) {
            throw new IllegalArgumentException("batch size and drainers must be >= 1: " + maxBatch + ", " + maxDrainers);
        }
        this.maxBatch = maxBatch;
        this.maxDrainers = maxDrainers;
        this.executor = executor;
        this.check = check;
        this.scorer = scorer;
    }

    Uni<TopKOutcome> submit(Embeddings embeddings, TopKQuery query) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Pending(embeddings, query, emitter));
            startDrainerIfNeeded();
        });
    }

    private void startDrainerIfNeeded() {
        while (!queue.isEmpty()) {
            int running = drainers.get();
            if (running >= maxDrainers) {
                return; // a running drainer takes the queued requests when it finishes its batch
            }
            if (drainers.compareAndSet(running, running + 1)) {
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) { // shutting down
                    drainers.decrementAndGet();
                    for (Pending p; (p = queue.poll()) != null; ) {
                        p.emitter().fail(e);
                    }
                }
                return;
            }
        }
    }

    private void drain() {
        try {
            for (List<Pending> batch = take(); !batch.isEmpty(); batch = take()) {
                run(batch);
            }
        } finally {
            drainers.decrementAndGet();
            // a request queued after our last take() but before the decrement found no free drainer
            startDrainerIfNeeded();
        }
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        for (Pending p; batch.size() < maxBatch && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        return batch;
    }

    private void run(List<Pending> batch) {
        // a catalog reload may swap the snapshot between two requests: one pass per snapshot
        Map<Embeddings, List<Pending>> bySnapshot = new IdentityHashMap<>();
        for (Pending p : batch) {
            try {
                check.check(p.embeddings(), p.query());
            } catch (RuntimeException e) {
                p.emitter().fail(e);
                continue;
            }
            bySnapshot.computeIfAbsent(p.embeddings(), e -> new ArrayList<>()).add(p);
        }
        for (Map.Entry<Embeddings, List<Pending>> group : bySnapshot.entrySet()) {
            List<Pending> pending = group.getValue();
            List<TopKQuery> queries = new ArrayList<>(pending.size());
            for (Pending p : pending) {
                queries.add(p.query());
            }
            List<TopKOutcome> results;
            try {
                results = scorer.score(group.getKey(), queries);
            } catch (Throwable e) { // even an Error: no request may wait forever for its answer
                for (Pending p : pending) {
                    p.emitter().fail(e);
                }
                continue;
            }
            for (int i = 0; i < pending.size(); i++) {
                pending.get(i).emitter().complete(results.get(i));
            }
        }
    }
}
