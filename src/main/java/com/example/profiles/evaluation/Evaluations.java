package com.example.profiles.evaluation;

import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventStore;
import com.example.profiles.kernel.Metric;
import com.example.profiles.profile.ProfileTimes;
import com.example.profiles.recommend.ReplayRanker;
import com.example.profiles.training.TrainingExport;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Offline evaluations of a model against what users went on to do, one at a time per pod. An evaluation reads the
 * events once (a parallel Scan), samples the users with events of the evaluated types in {@code (cutoff, until]},
 * reads each one's vector valid at the cutoff (as the training export does: never a later one), and ranks them
 * with the service's own ranking ({@link ReplayRanker}: filter, {@code max_per}, {@code exclude=seen} as the
 * profile stood at the cutoff), beside the popularity baseline. All ranking runs on one low-priority thread of its
 * own, paced to {@code evaluation.cpu-share} of one core; the events are read by one short-paged Scan and the
 * vectors a bounded number at a time, so that the requests' point reads interleave. State is kept in this pod's
 * memory.
 */
@ApplicationScoped
public class Evaluations {

    private static final Logger LOG = Logger.getLogger(Evaluations.class);

    private final CatalogHolder catalogs;
    private final ReplayRanker ranker;
    private final EventStore events;
    private final TrainingExport vectors;
    private final EvaluationConfig config;
    private final int maxPurchased;
    private final EvaluationMetrics metrics;
    private final ExecutorService worker;
    private final AtomicReference<Evaluation> running = new AtomicReference<>();
    private final Map<String, Evaluation> kept = new LinkedHashMap<>();

    public Evaluations(CatalogHolder catalogs, ReplayRanker ranker, EventStore events, TrainingExport vectors,
                       EvaluationConfig config, EventConfig eventConfig, EvaluationMetrics metrics) {
        this.catalogs = catalogs;
        this.ranker = ranker;
        this.events = events;
        this.vectors = vectors;
        this.config = config;
        this.maxPurchased = eventConfig.maxPurchased();
        this.metrics = metrics;
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "evaluation");
            thread.setDaemon(true);
            // a hint only: the JVM maps it to the OS on Linux only with -XX:ThreadPriorityPolicy; one thread is the bound
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
    }

    /**
     * Starts an evaluation and answers it, running.
     *
     * @throws ProblemException 404 for a model the current snapshot has no item vectors of, 400 for a filter or
     *                          max_per that does not fit the catalog, 409 while another evaluation runs in this pod
     */
    public Evaluation start(EvaluationRequest request) {
        return launch(request).evaluation();
    }

    /** Starts an evaluation and answers it when it has finished, done or failed. */
    public Uni<Evaluation> run(EvaluationRequest request) {
        Launched launched = launch(request);
        return launched.finished().replaceWith(launched.evaluation());
    }

    /** The evaluation {@code id} of {@code model}; 404 when this pod has no such evaluation. */
    public Evaluation get(String model, String id) {
        Evaluation evaluation;
        synchronized (kept) {
            evaluation = kept.get(id);
        }
        if (evaluation == null || !evaluation.request().model().equals(model)) {
            throw ProblemException.notFound("no evaluation " + id + " of model " + model + " in this pod; evaluations"
                    + " live in the memory of the pod that started them (GET the Location that POST answered)");
        }
        return evaluation;
    }

    private record Launched(Evaluation evaluation, Uni<Void> finished) {
    }

    private Launched launch(EvaluationRequest request) {
        Catalog catalog = catalogs.requireCurrent();
        int[] ks = request.depths();
        Metric metric = request.metric();
        if (metric == null) {
            var definition = catalog.registry().get(request.model());
            metric = definition == null ? Metric.DOT : definition.metric();
        }
        ReplayRanker.Plan plan = ranker.plan(catalog, request.model(), Scorecard.depth(ks), metric, request.filter(),
                request.maxPer());
        Evaluation evaluation = new Evaluation(UUID.randomUUID().toString(), request, Instant.now());
        if (!running.compareAndSet(null, evaluation)) {
            Evaluation other = running.get();
            throw new ProblemException(409, "Conflict", "an evaluation is already running in this pod"
                    + (other == null ? "" : ": " + other.id() + " of model " + other.request().model())
                    + "; one runs at a time, start this one when it has finished");
        }
        keep(evaluation);
        metrics.started();
        Uni<Void> work = Uni.createFrom().deferred(() -> execute(evaluation, plan, ks))
                .onItemOrFailure().invoke((figures, failure) -> {
                    // the slot is free before the state says finished: a caller that saw "done" may start the next
                    metrics.finished();
                    running.compareAndSet(evaluation, null);
                    if (failure != null) {
                        String reason = failure instanceof ProblemException p ? p.detail()
                                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
                        LOG.warnf("evaluation %s of model %s failed: %s", evaluation.id(), request.model(), reason);
                        evaluation.failed(reason, Instant.now());
                    } else {
                        evaluation.done(figures.model(), figures.baseline(), Instant.now());
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid()
                .memoize().indefinitely();
        work.subscribe().with(ignored -> { });
        return new Launched(evaluation, work);
    }

    /** The figures of a finished evaluation, by k. */
    private record Figures(Map<Integer, RankingMetrics> model, Map<Integer, RankingMetrics> baseline) {
    }

    private Uni<Figures> execute(Evaluation evaluation, ReplayRanker.Plan plan, int[] ks) {
        EvaluationRequest request = evaluation.request();
        String cutoff = ProfileTimes.text(request.cutoff());
        EventWindows windows = new EventWindows(cutoff, ProfileTimes.text(request.until()), request.eventTypes());
        // the scan's upper bound is exclusive, event times have millisecond precision: this reads (.., until]
        return events.scan(null, request.until().plusMillis(1), EventWindows.scannedTypes(request.eventTypes()),
                        config.scanSegments(), config.scanPageItems())
                .emitOn(worker)
                .collect().in(() -> windows, EventWindows::add)
                .flatMap(w -> rank(evaluation, plan, ks, w, cutoff));
    }

    /** A sampled user and the vector valid at the cutoff (null when none was). */
    private record Lookup(String userId, float[] vector) {
    }

    private Uni<Figures> rank(Evaluation evaluation, ReplayRanker.Plan plan, int[] ks, EventWindows windows,
                           String cutoff) {
        EvaluationRequest request = evaluation.request();
        Catalog catalog = plan.catalog();
        List<String> sample = UserSample.of(windows.users(), request.users(), request.seed());
        evaluation.sampled(sample.size());
        double[] popularity = windows.popularity(catalog.itemIds());
        Scorecard model = new Scorecard(ks, catalog.size());
        Scorecard baseline = new Scorecard(ks, catalog.size());
        long started = System.nanoTime();
        CpuShare pace = new CpuShare(config.cpuShare());
        return Multi.createFrom().iterable(sample)
                .onItem().transformToUni(user -> vectors.featuresAt(user, request.model(), cutoff)
                        .map(vector -> new Lookup(user, vector)))
                .merge(config.lookups())
                .emitOn(worker)
                .invoke(lookup -> {
                    if (lookup.vector() == null || lookup.vector().length != plan.dimension()) {
                        metrics.user(false, evaluation.skippedOne(), System.nanoTime() - started);
                        return;
                    }
                    long start = System.nanoTime();
                    Set<String> relevant = windows.relevant(lookup.userId());
                    Set<Integer> rows = rows(catalog, relevant);
                    Set<String> seen = windows.seen(lookup.userId(), maxPurchased);
                    model.add(ranker.byVector(plan, lookup.vector(), seen), rows, relevant.size());
                    baseline.add(ranker.byPopularity(plan, popularity, seen), rows, relevant.size());
                    long end = System.nanoTime();
                    metrics.user(true, evaluation.evaluatedOne(), end - started);
                    pause(pace.worked(start, end));
                })
                .collect().last()
                .map(ignored -> new Figures(model.result(), baseline.result()));
    }

    /** Sleeps the evaluation's own thread (never a request's) for its share of the CPU. */
    private static void pause(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("evaluation stopped: the service is shutting down", e);
            }
        }
    }

    private static Set<Integer> rows(Catalog catalog, Set<String> items) {
        Set<Integer> rows = new HashSet<>();
        for (String item : items) {
            Integer row = catalog.rowOf(item);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Keeps the evaluation for GET, dropping the oldest finished ones beyond {@code evaluation.keep}. */
    private void keep(Evaluation evaluation) {
        synchronized (kept) {
            kept.put(evaluation.id(), evaluation);
            Iterator<Evaluation> oldest = kept.values().iterator();
            while (kept.size() > config.keep() && oldest.hasNext()) {
                if (oldest.next().state() != Evaluation.State.RUNNING) {
                    oldest.remove();
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
