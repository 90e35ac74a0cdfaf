package com.example.profiles.catalog;

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
 * The write side of one streamed import, without any HTTP: entries (items, or one model's item vectors) arrive
 * one by one and are written in batches of {@link ItemStore#BATCH_SIZE}, up to
 * {@link ItemService#MAX_IN_FLIGHT_BATCHES} at once; the listener is told to pause the input while that many are
 * in flight, or while an entry waits for an earlier entry with the same key to be written (so that the later
 * line wins, and one transaction never names a key twice). A batch the store could not take is retried with
 * backoff, and while batches need retries the import sends fewer at once. A batch may refuse some of its
 * entries (a vector for an item that does not exist) and write the rest: those lines are reported as rejected.
 * When a batch fails for good, the import waits for the batches in flight and reports the first line not known
 * to be written: every line before it is written or rejected. Single-threaded: every call and every callback
 * runs on the import's context.
 *
 * @param <T> what one line holds
 */
public final class StreamedImport<T> {

    /** What one kind of import checks and writes. */
    public interface Target<T> {

        /**
         * Checks an entry before it is batched.
         *
         * @throws ProblemException when it is refused: its line is rejected, the import goes on
         */
        void check(T entry);

        /** Two entries of one key are never in one batch, nor in flight together. */
        String key(T entry);

        /**
         * Writes up to {@link ItemStore#BATCH_SIZE} entries; answers the positions (in {@code batch}) of the
         * entries it refused, with why, having written the others; fails when it wrote none.
         */
        Uni<Map<Integer, String>> write(List<T> batch);
    }

    /** What the import tells the input side. */
    public interface Listener {
        void pause();

        void resume();

        /** A line was refused after it was read: its entry is not written. */
        void rejected(int line, String detail);

        /** Every entry was written or rejected. */
        void completed(long imported);

        /**
         * A batch could not be written: the lines before {@code resumeFromLine} (1-based) were written or
         * rejected, the input from that line on may be sent again.
         */
        void failed(Throwable failure, int resumeFromLine, long imported);
    }

    private final Target<T> target;
    private final ImportConfig config;
    private final Executor context;
    private final Listener listener;

    private final List<T> batch = new ArrayList<>();
    private final List<Integer> batchLines = new ArrayList<>();
    private final Set<String> batchKeys = new HashSet<>();
    private final Set<String> inFlightKeys = new HashSet<>();
    /** First line of each batch sent and not yet written, with how many batches start there. */
    private final TreeMap<Integer, Integer> unwritten = new TreeMap<>();
    private int inFlight;
    /** Batches allowed in flight: halved when a batch needed a retry, grown back by one per clean write. */
    private int window = ItemService.MAX_IN_FLIGHT_BATCHES;
    private T waiting;
    private int waitingLine;
    private int line;
    private long imported;
    private boolean ended;
    private boolean over;
    private Throwable failure;

    StreamedImport(Target<T> target, ImportConfig config, Executor context, Listener listener) {
        this.target = target;
        this.config = config;
        this.context = context;
        this.listener = listener;
    }

    /**
     * Takes the entry of input line {@code line}.
     *
     * @throws ProblemException if the target refuses it; nothing is written for it and the import goes on
     */
    public void add(T entry, int line) {
        target.check(entry);
        if (failure != null) {
            // Not written and not counted as read: the resume point stays before it.
            return;
        }
        this.line = line;
        String key = target.key(entry);
        if (batchKeys.contains(key) || inFlightKeys.contains(key)) {
            send();
            waiting = entry;
            waitingLine = line;
            listener.pause();
            return;
        }
        append(entry, line);
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

    /** The first line not known to be written: the lines before it were written or rejected. */
    public int resumeFromLine() {
        int first = line + 1;
        if (!unwritten.isEmpty()) {
            first = Math.min(first, unwritten.firstKey());
        }
        if (!batchLines.isEmpty()) {
            first = Math.min(first, batchLines.get(0));
        }
        if (waiting != null) {
            first = Math.min(first, waitingLine);
        }
        return first;
    }

    private void append(T entry, int entryLine) {
        batch.add(entry);
        batchLines.add(entryLine);
        batchKeys.add(target.key(entry));
        if (batch.size() == ItemStore.BATCH_SIZE) {
            send();
        }
    }

    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        List<T> chunk = List.copyOf(batch);
        List<Integer> lines = List.copyOf(batchLines);
        Set<String> keys = Set.copyOf(batchKeys);
        int firstLine = lines.get(0);
        batch.clear();
        batchLines.clear();
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
            return target.write(chunk);
        });
        if (config.batchAttempts() > 1) {
            write = write.onFailure(StreamedImport::retryable).retry()
                    .withBackOff(config.retryBackoff(), config.maxRetryBackoff()).withJitter(0.5)
                    .atMost(config.batchAttempts() - 1L);
        }
        write.subscribe().with(
                        refused -> context.execute(() -> written(lines, refused, keys, attempts[0])),
                        error -> context.execute(() -> failedBatch(error, keys)));
    }

    /** What a later write may cure: the store timing out, throttling or being briefly unreachable. */
    private static boolean retryable(Throwable error) {
        return !(error instanceof ProblemException problem) || problem.status() == 503;
    }

    private void written(List<Integer> lines, Map<Integer, String> refused, Set<String> keys, int attempts) {
        inFlight--;
        inFlightKeys.removeAll(keys);
        unwritten.computeIfPresent(lines.get(0), (key, n) -> n == 1 ? null : n - 1);
        imported += lines.size() - refused.size();
        if (!over) {
            new TreeMap<>(refused).forEach((position, detail) -> listener.rejected(lines.get(position), detail));
        }
        window = attempts > 1 ? Math.max(1, window / 2) : Math.min(ItemService.MAX_IN_FLIGHT_BATCHES, window + 1);
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
            T next = waiting;
            waiting = null;
            append(next, waitingLine);
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
