package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * The write side of one streamed import, without any HTTP: items arrive one by one and are written in
 * batches of {@link ItemStore#BATCH_SIZE}, up to {@link ItemService#MAX_IN_FLIGHT_BATCHES} at once; the
 * listener is told to pause the input while that many are in flight, or while an item waits for an earlier
 * item with the same id to be written (so that the later line wins, and one transaction never names a key
 * twice). A batch the store could not take is retried with backoff, and while batches need retries the
 * import sends fewer at once. When a batch fails for good, the import waits for the batches in flight and
 * reports the first line not known to be written: every line before it is. Single-threaded: every call and
 * every callback runs on the import's context.
 */
public final class ItemImport {

    /** What the import tells the input side. */
    public interface Listener {
        void pause();

        void resume();

        /** Every item was written. */
        void completed(long imported);

        /**
         * A batch could not be written: the lines before {@code resumeFromLine} (1-based) were written or
         * rejected, the input from that line on may be sent again.
         */
        void failed(Throwable failure, int resumeFromLine, long imported);
    }

    private final ItemService service;
    private final ImportConfig config;
    private final Executor context;
    private final Listener listener;
    private int dimension;

    private final List<CatalogItem> batch = new ArrayList<>();
    private final Set<String> batchIds = new HashSet<>();
    private int batchFirstLine;
    private final Set<String> inFlightIds = new HashSet<>();
    /** First line of each batch sent and not yet written, with how many batches start there. */
    private final TreeMap<Integer, Integer> unwritten = new TreeMap<>();
    private int inFlight;
    /** Batches allowed in flight: halved when a batch needed a retry, grown back by one per clean write. */
    private int window = ItemService.MAX_IN_FLIGHT_BATCHES;
    private CatalogItem waiting;
    private int waitingLine;
    private int line;
    private long imported;
    private boolean ended;
    private boolean over;
    private Throwable failure;

    ItemImport(ItemService service, int dimension, ImportConfig config, Executor context, Listener listener) {
        this.service = service;
        this.dimension = dimension;
        this.config = config;
        this.context = context;
        this.listener = listener;
    }

    /**
     * Takes the item of input line {@code line}.
     *
     * @throws com.example.profiles.error.ProblemException (422) if its dimension is not the catalog's; nothing
     *         is written for it and the import goes on
     */
    public void add(CatalogItem item, int line) {
        ItemService.checkDimension(item, dimension);
        if (failure != null) {
            // Not written and not counted as read: the resume point stays before it.
            return;
        }
        this.line = line;
        if (dimension == 0) {
            // The first valid item of an empty catalog sets the dimension for the rest.
            dimension = item.getEmbedding().length;
        }
        if (batchIds.contains(item.getItemId()) || inFlightIds.contains(item.getItemId())) {
            send();
            waiting = item;
            waitingLine = line;
            listener.pause();
            return;
        }
        append(item, line);
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
        if (!batch.isEmpty()) {
            first = Math.min(first, batchFirstLine);
        }
        if (waiting != null) {
            first = Math.min(first, waitingLine);
        }
        return first;
    }

    private void append(CatalogItem item, int itemLine) {
        if (batch.isEmpty()) {
            batchFirstLine = itemLine;
        }
        batch.add(item);
        batchIds.add(item.getItemId());
        if (batch.size() == ItemStore.BATCH_SIZE) {
            send();
        }
    }

    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        List<CatalogItem> chunk = List.copyOf(batch);
        Set<String> ids = Set.copyOf(batchIds);
        int firstLine = batchFirstLine;
        int batchDimension = dimension;
        batch.clear();
        batchIds.clear();
        inFlight++;
        inFlightIds.addAll(ids);
        unwritten.merge(firstLine, 1, Integer::sum);
        if (inFlight >= window) {
            listener.pause();
        }
        int[] attempts = {0};
        Uni<Void> write = Uni.createFrom().deferred(() -> {
            attempts[0]++;
            return service.putBatch(chunk, batchDimension);
        });
        if (config.batchAttempts() > 1) {
            write = write.onFailure(ItemImport::retryable).retry()
                    .withBackOff(config.retryBackoff(), config.maxRetryBackoff()).withJitter(0.5)
                    .atMost(config.batchAttempts() - 1L);
        }
        write.subscribe().with(
                        ok -> context.execute(() -> written(chunk.size(), ids, firstLine, attempts[0])),
                        error -> context.execute(() -> failedBatch(error, ids, firstLine)));
    }

    /** What a later write may cure: the store timing out, throttling or being briefly unreachable. */
    private static boolean retryable(Throwable error) {
        return !(error instanceof ProblemException problem) || problem.status() == 503;
    }

    private void written(int count, Set<String> ids, int firstLine, int attempts) {
        inFlight--;
        inFlightIds.removeAll(ids);
        unwritten.computeIfPresent(firstLine, (key, n) -> n == 1 ? null : n - 1);
        imported += count;
        window = attempts > 1 ? Math.max(1, window / 2) : Math.min(ItemService.MAX_IN_FLIGHT_BATCHES, window + 1);
        proceed();
    }

    private void failedBatch(Throwable error, Set<String> ids, int firstLine) {
        inFlight--;
        inFlightIds.removeAll(ids);
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
            CatalogItem next = waiting;
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
