package com.example.profiles.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * The write side of one streamed import of keyed lines (items, a model's item vectors, users' vectors), without
 * any HTTP, so that every kind shares one flow: lines arrive one by one and are written in batches of
 * {@link Limits#batchSize}, up to {@link Limits#maxInFlight} at once, both the store's for that kind; the listener
 * is told to pause the input while that many are in flight, or while a line waits for an earlier line with the
 * same key to be written (so that the later line wins, and one batch never names a key twice). A batch the store
 * could not take is retried with backoff, and while batches need retries the import sends fewer at once. A batch
 * may refuse some of its lines (they are reported, the others count as imported). When a batch fails for good,
 * the import waits for the batches in flight and reports the first line not known to be written: every line
 * before it was written or rejected. Single-threaded: every call and every callback runs on the import's context.
 *
 * @param <T> one parsed line
 */
public final class LineImport<T> {

    /** What the import tells the input side. */
    public interface Listener {
        void pause();

        void resume();

        /** Line {@code line} (1-based) was not written, for {@code detail}. */
        void rejected(int line, String detail);

        /** Every line was written or rejected. */
        void completed(long imported);

        /**
         * A batch could not be written: the lines before {@code resumeFromLine} (1-based) were written or
         * rejected, the input from that line on may be sent again.
         */
        void failed(Throwable failure, int resumeFromLine, long imported);
    }

    /** What one kind of import checks and writes. */
    public interface Target<T> {

        /**
         * Checks a line before it is batched, e.g. against a dimension the import learnt from an earlier line.
         *
         * @throws ProblemException when it is refused: the line is rejected, the import goes on
         */
        default void check(T line) {
        }

        /** Two lines of one key are never in one batch, nor in flight together. */
        String key(T line);

        /**
         * Writes up to {@link Limits#batchSize} lines of distinct keys; answers the positions (in {@code batch}) of
         * the lines it refused, with why, having written the others; fails, with none of the batch written.
         */
        Uni<Map<Integer, String>> write(List<T> batch);
    }

    /**
     * @param batchSize   lines per batch
     * @param maxInFlight batches written at once
     * @param attempts    writes of one batch before the import stops, the first included
     * @param backoff     first delay before a batch is written again; doubled per attempt, with jitter
     * @param maxBackoff  longest delay between two writes of a batch
     */
    public record Limits(int batchSize, int maxInFlight, int attempts, Duration backoff, Duration maxBackoff) {
        public Limits {
            if (batchSize < 1 || maxInFlight < 1 || attempts < 1) {
                throw new IllegalArgumentException("batch size, batches in flight and attempts must be at least 1");
            }
        }
    }

    /** A line and its 1-based number in the input. */
    private record Numbered<T>(T value, int line) {
    }

    private final Target<T> target;
    private final Limits limits;
    private final Executor context;
    private final Listener listener;

    private final List<Numbered<T>> batch = new ArrayList<>();
    private final Set<String> batchKeys = new HashSet<>();
    private final Set<String> inFlightKeys = new HashSet<>();
    /** First line of each batch sent and not yet settled, with how many batches start there. */
    private final TreeMap<Integer, Integer> unwritten = new TreeMap<>();
    private int inFlight;
    /** Batches allowed in flight: halved when a batch needed a retry, grown back by one per clean write. */
    private int window;
    private Numbered<T> waiting;
    private int line;
    private long imported;
    private boolean ended;
    private boolean over;
    private Throwable failure;

    public LineImport(Target<T> target, Limits limits, Executor context, Listener listener) {
        this.target = target;
        this.limits = limits;
        this.context = context;
        this.listener = listener;
        this.window = limits.maxInFlight();
    }

    /**
     * Takes the line number {@code line}.
     *
     * @throws ProblemException if the target refuses it; nothing is written for it and the import goes on
     */
    public void add(T value, int line) {
        target.check(value);
        if (failure != null) {
            // Not written and not counted as read: the resume point stays before it.
            return;
        }
        this.line = line;
        Numbered<T> numbered = new Numbered<>(value, line);
        String k = target.key(value);
        if (batchKeys.contains(k) || inFlightKeys.contains(k)) {
            send();
            waiting = numbered;
            listener.pause();
            return;
        }
        append(numbered);
    }

    /** The input ended: write what is left, then report. */
    public void end() {
        ended = true;
        proceed();
    }

    /** The input side gave up (e.g. a broken body): no more callbacks, writes in flight finish unseen. */
    public void abandon() {
        over = true;
    }

    public long imported() {
        return imported;
    }

    /** The first line not known to be written or rejected: the lines before it were. */
    public int resumeFromLine() {
        int first = line + 1;
        if (!unwritten.isEmpty()) {
            first = Math.min(first, unwritten.firstKey());
        }
        if (!batch.isEmpty()) {
            first = Math.min(first, batch.get(0).line());
        }
        if (waiting != null) {
            first = Math.min(first, waiting.line());
        }
        return first;
    }

    private void append(Numbered<T> numbered) {
        batch.add(numbered);
        batchKeys.add(target.key(numbered.value()));
        if (batch.size() == limits.batchSize()) {
            send();
        }
    }

    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        List<Numbered<T>> chunk = List.copyOf(batch);
        List<T> values = chunk.stream().map(Numbered::value).toList();
        Set<String> keys = Set.copyOf(batchKeys);
        int firstLine = chunk.get(0).line();
        batch.clear();
        batchKeys.clear();
        inFlight++;
        inFlightKeys.addAll(keys);
        unwritten.merge(firstLine, 1, Integer::sum);
        if (inFlight >= window) {
            listener.pause();
        }
        int[] attempts = {0};
        Uni<Map<Integer, String>> write = Uni.createFrom().deferred(() -> {
            attempts[0]++;
            return target.write(values);
        });
        if (limits.attempts() > 1) {
            write = write.onFailure(LineImport::retryable).retry()
                    .withBackOff(limits.backoff(), limits.maxBackoff()).withJitter(0.5)
                    .atMost(limits.attempts() - 1L);
        }
        write.subscribe().with(
                refused -> context.execute(() -> written(chunk, refused, keys, firstLine, attempts[0])),
                error -> context.execute(() -> failedBatch(error, keys)));
    }

    /** What a later write may cure: the store timing out, throttling or being briefly unreachable. */
    private static boolean retryable(Throwable error) {
        return !(error instanceof ProblemException problem) || problem.status() == 503;
    }

    private void written(List<Numbered<T>> chunk, Map<Integer, String> refused, Set<String> keys, int firstLine,
                         int attempts) {
        inFlight--;
        inFlightKeys.removeAll(keys);
        unwritten.computeIfPresent(firstLine, (k, n) -> n == 1 ? null : n - 1);
        imported += chunk.size() - refused.size();
        if (!over) {
            new TreeMap<>(refused).forEach((position, detail) -> listener.rejected(chunk.get(position).line(), detail));
        }
        window = attempts > 1 ? Math.max(1, window / 2) : Math.min(limits.maxInFlight(), window + 1);
        proceed();
    }

    private void failedBatch(Throwable error, Set<String> keys) {
        inFlight--;
        inFlightKeys.removeAll(keys);
        if (failure == null) {
            failure = error;
            listener.pause();
        }
        proceed();
    }

    /** After a batch settled or the input ended: continue reading, or report when nothing is in flight. */
    private void proceed() {
        if (over) {
            return;
        }
        if (failure != null) {
            if (inFlight == 0) {
                over = true;
                listener.failed(failure, resumeFromLine(), imported);
            }
            return;
        }
        if (waiting != null) {
            if (inFlight > 0) {
                return;
            }
            Numbered<T> next = waiting;
            waiting = null;
            append(next);
        }
        if (ended) {
            if (inFlight == 0 && waiting == null) {
                if (batch.isEmpty()) {
                    over = true;
                    listener.completed(imported);
                } else {
                    send();
                }
            }
            return;
        }
        if (inFlight < window) {
            listener.resume();
        }
    }
}
