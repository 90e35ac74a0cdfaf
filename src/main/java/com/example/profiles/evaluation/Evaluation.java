package com.example.profiles.evaluation;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One evaluation as this pod runs it: its request, state and figures. Written by the evaluation's own thread,
 * read by any request; figures appear when it is done.
 */
public final class Evaluation {

    public enum State {
        RUNNING, DONE, FAILED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String id;
    private final EvaluationRequest request;
    private final Instant startedAt;
    private final AtomicLong evaluated = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private volatile State state = State.RUNNING;
    private volatile String detail = "reading the events";
    /** Users sampled; -1 while the events are read. */
    private volatile long sampled = -1;
    private volatile Map<Integer, RankingMetrics> metrics = Map.of();
    private volatile Map<Integer, RankingMetrics> baseline = Map.of();
    private volatile Instant finishedAt;

    Evaluation(String id, EvaluationRequest request, Instant startedAt) {
        this.id = id;
        this.request = request;
        this.startedAt = startedAt;
    }

    public String id() {
        return id;
    }

    public EvaluationRequest request() {
        return request;
    }

    public State state() {
        return state;
    }

    /** What it is doing while running, why it failed; null when done. */
    public String detail() {
        return detail;
    }

    /** Share of the sampled users ranked, 0..1; 1 when done. */
    public double progress() {
        if (state == State.DONE) {
            return 1;
        }
        long n = sampled;
        return n <= 0 ? 0 : Math.min(1, (double) (evaluated.get() + skipped.get()) / n);
    }

    public long usersEvaluated() {
        return evaluated.get();
    }

    /** Sampled users without a vector (of the model's dimension) valid at the cutoff. */
    public long usersSkipped() {
        return skipped.get();
    }

    /** The model's figures by k; empty until done. */
    public Map<Integer, RankingMetrics> metrics() {
        return metrics;
    }

    /** The popularity baseline's figures by k, over the same users; empty until done. */
    public Map<Integer, RankingMetrics> baseline() {
        return baseline;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Null while running. */
    public Instant finishedAt() {
        return finishedAt;
    }

    void sampled(long users) {
        sampled = users;
        detail = "ranking " + users + " users";
    }

    long evaluatedOne() {
        return evaluated.incrementAndGet() + skipped.get();
    }

    long skippedOne() {
        return skipped.incrementAndGet() + evaluated.get();
    }

    void done(Map<Integer, RankingMetrics> model, Map<Integer, RankingMetrics> popularity, Instant at) {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(model));
        baseline = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(popularity));
        detail = null;
        finishedAt = at;
        state = State.DONE;
    }

    void failed(String reason, Instant at) {
        detail = reason;
        finishedAt = at;
        state = State.FAILED;
    }
}
