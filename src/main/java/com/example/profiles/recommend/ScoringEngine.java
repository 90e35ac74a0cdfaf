package com.example.profiles.recommend;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.Clusters;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Int8Search;
import com.example.profiles.kernel.KernelChoice;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.PrunedSearch;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.TopKOutcome;
import com.example.profiles.kernel.TopKQuery;

import io.smallrye.mutiny.Uni;

/**
 * Scores a query against a snapshot's embeddings with the kernel chosen once at start. Small catalogs
 * are scored where the request runs; large ones on a dedicated pool (never the event loop), split
 * across {@code recommend.parallelism} threads of a second pool. Large int8 catalogs go through a
 * {@link ScanBatcher}: requests that queue behind busy scans share one pass over the codes. Embeddings laid out
 * in clusters are searched by {@link PrunedSearch}, whose planner decides per query whether skipping clusters
 * pays; a query it declines is answered by the full search as above (joining an int8 batch when large).
 */
@ApplicationScoped
public class ScoringEngine {

    /** Below this many floats a scan takes well under a millisecond: not worth a thread hop. */
    static final long INLINE_FLOATS = 1L << 20;
    private static final Logger LOG = Logger.getLogger(ScoringEngine.class);

    private final KernelChoice choice;
    private final int parallelism;
    private final ExecutorService requests;
    private final ExecutorService chunks;
    private final ExactSearch exact;
    private final Int8Search int8;
    private final ExactSearch exactInline;
    private final Int8Search int8Inline;
    private final PrunedSearch pruned;
    private final PrunedSearch prunedInline;
    private final ScoringMetrics metrics;
    private final int batchSize;
    private final ScanBatcher batcher;

    public ScoringEngine(RecommendConfig config, KernelChoice choice, ScoringMetrics metrics) {
        this.metrics = metrics;
        this.choice = choice;
        int cores = Runtime.getRuntime().availableProcessors();
        this.parallelism = Math.max(1, config.parallelism().orElse(cores));
        // Separate pools: a request task waits for its chunks, so they must not compete for its threads.
        this.requests = Executors.newFixedThreadPool(cores, daemonThreads("scoring-request"));
        this.chunks = Executors.newFixedThreadPool(parallelism, daemonThreads("scoring-chunk"));
        this.exact = new ExactSearch(choice.kernel(), parallelism, chunks);
        this.int8 = new Int8Search(choice.kernel(), parallelism, chunks);
        // Inline scans run where the request runs, often an event loop: in that thread alone, never waiting
        // for a chunk from the pool. Split, such a scan would gain tens of microseconds and pay a hand-off.
        this.exactInline = new ExactSearch(choice.kernel(), 1, null);
        this.int8Inline = new Int8Search(choice.kernel(), 1, null);
        this.pruned = new PrunedSearch(choice.kernel(), parallelism, chunks);
        this.prunedInline = new PrunedSearch(choice.kernel(), 1, null);
        this.batchSize = Math.max(1, config.batchSize());
        this.batcher = new ScanBatcher(batchSize, cores, requests,
                (embeddings, q) -> int8.validate(embeddings.quantized(), q), this::scoreBatch);
        LOG.infof("scoring with %s: parallelism %d; int8 batches of up to %d", choice.kernel().name(), parallelism,
                batchSize);
    }

    public ScoringKernel kernel() {
        return choice.kernel();
    }

    public String kernelReason() {
        return choice.reason();
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Exact top-k of the embeddings for this query (its mask and exclusions honoured), in catalog rows whatever
     * the matrix's layout.
     */
    public Uni<TopKOutcome> topK(Embeddings embeddings, TopKQuery query) {
        long floats = (long) embeddings.rows() * embeddings.dimension();
        Clusters clusters = embeddings.clusters();
        if (clusters != null) {
            return clustered(embeddings, clusters, query, floats);
        }
        if (floats >= INLINE_FLOATS && embeddings.int8() && batchSize > 1) {
            return batcher.submit(embeddings, query);
        }
        boolean inline = floats < INLINE_FLOATS;
        return offload(floats, () -> score(embeddings, query, inline));
    }

    /** Exact top-k of the embeddings for this query, excluding the given rows. */
    public Uni<TopKOutcome> topK(Embeddings embeddings, float[] query, Metric metric, int k, IntPredicate excluded) {
        return topK(embeddings, new TopKQuery(query, metric, k, excluded));
    }

    /**
     * Exact top-k scored in the calling thread alone (never split across the chunk pool), and not recorded in the
     * request metrics: for background work such as an offline evaluation, which must stay within its own thread.
     */
    public TopKOutcome topKHere(Embeddings embeddings, TopKQuery query) {
        Clusters clusters = embeddings.clusters();
        if (clusters != null) {
            return clusters.toCatalog(prunedInline.search(clusters.index(), embeddings.quantized(),
                    clusters.toLayout(query)));
        }
        return embeddings.int8()
                ? int8Inline.topKBatch(embeddings.quantized(), List.of(query)).get(0)
                : exactInline.search(embeddings.matrix(), query);
    }

    /**
     * Runs CPU work of about {@code floats} float operations where the request runs when it is small, else on
     * the scoring pool (never on the event loop). Small work must not wait for other threads.
     */
    public <T> Uni<T> offload(long floats, Supplier<T> work) {
        Uni<T> uni = Uni.createFrom().item(work);
        return floats < INLINE_FLOATS ? uni : uni.runSubscriptionOn(requests);
    }

    /**
     * The search of embeddings laid out in clusters: the query is translated into layout rows (off the event
     * loop when the catalog is large: a mask's translation follows its size), probed, and, when the planner
     * declines, answered by the full search, which a large int8 catalog shares with queued queries.
     */
    private Uni<TopKOutcome> clustered(Embeddings embeddings, Clusters clusters, TopKQuery query, long floats) {
        boolean inline = floats < INLINE_FLOATS;
        if (!inline && embeddings.int8() && batchSize > 1) {
            return offload(floats, () -> probe(embeddings, clusters, query)).flatMap(probed -> {
                PrunedSearch.Probe probe = probed.probe();
                return probe.outcome() != null
                        ? Uni.createFrom().item(clusters.toCatalog(probe.outcome()))
                        : batcher.submit(embeddings, probed.query()).map(full -> clusters.toCatalog(probe.after(full)));
            });
        }
        return offload(floats, () -> clusters.toCatalog(scorePruned(embeddings, clusters.toLayout(query), inline)));
    }

    /** A query in layout rows and what the planner made of it. */
    private record Probed(TopKQuery query, PrunedSearch.Probe probe) {
    }

    private Probed probe(Embeddings embeddings, Clusters clusters, TopKQuery query) {
        TopKQuery onLayout = clusters.toLayout(query);
        long started = System.nanoTime();
        PrunedSearch.Probe probe = pruned.probe(clusters.index(), embeddings.quantized(), onLayout);
        if (probe.outcome() != null) {
            metrics.record(System.nanoTime() - started, true, probe.outcome());
        }
        return new Probed(onLayout, probe);
    }

    private TopKOutcome scorePruned(Embeddings embeddings, TopKQuery onLayout, boolean inline) {
        long started = System.nanoTime();
        TopKOutcome result = (inline ? prunedInline : pruned).search(embeddings.clusters().index(),
                embeddings.quantized(), onLayout);
        metrics.record(System.nanoTime() - started, embeddings.int8(), result);
        return result;
    }

    /** One pass over the int8 codes for the queued queries; each query's time is the whole pass. */
    private List<TopKOutcome> scoreBatch(Embeddings embeddings, List<TopKQuery> queries) {
        long started = System.nanoTime();
        List<TopKOutcome> results = int8.topKBatch(embeddings.quantized(), queries);
        long nanos = System.nanoTime() - started;
        metrics.batch(queries.size());
        for (TopKOutcome result : results) {
            metrics.record(nanos, true, result);
        }
        return results;
    }

    private TopKOutcome score(Embeddings embeddings, TopKQuery query, boolean inline) {
        long started = System.nanoTime();
        boolean int8Path = embeddings.int8();
        TopKOutcome result = int8Path
                ? (inline ? int8Inline : int8).topKBatch(embeddings.quantized(), List.of(query)).get(0)
                : (inline ? exactInline : exact).search(embeddings.matrix(), query);
        // Scoring time only: the wait for a pool thread is not the kernel's.
        metrics.record(System.nanoTime() - started, int8Path, result);
        return result;
    }

    @PreDestroy
    void stop() {
        requests.shutdownNow();
        chunks.shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
