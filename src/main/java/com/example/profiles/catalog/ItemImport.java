package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The write side of one streamed import, without any HTTP: items arrive one by one and are written in
 * batches of {@link ItemStore#BATCH_SIZE}, up to {@link ItemService#MAX_IN_FLIGHT_BATCHES} at once; the
 * listener is told to pause the input while that many are in flight, or while an item waits for an earlier
 * item with the same id to be written (so that the later line wins, and one BatchWriteItem never names a
 * key twice). Single-threaded: every call and every callback runs on the import's context.
 */
public final class ItemImport {

    /** What the import tells the input side. */
    public interface Listener {
        void pause();

        void resume();

        /** Every item was written. */
        void completed(long imported);

        /** A batch could not be written; items of the lines up to {@code nearLine} may be missing. */
        void failed(Throwable failure, int nearLine, long imported);
    }

    private final ItemService service;
    private final Executor context;
    private final Listener listener;
    private int dimension;

    private final List<CatalogItem> batch = new ArrayList<>();
    private final Set<String> batchIds = new HashSet<>();
    private final Set<String> inFlightIds = new HashSet<>();
    private int inFlight;
    private CatalogItem waiting;
    private int line;
    private long imported;
    private boolean ended;
    private boolean over;

    ItemImport(ItemService service, int dimension, Executor context, Listener listener) {
        this.service = service;
        this.dimension = dimension;
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
        this.line = line;
        if (dimension == 0) {
            // The first valid item of an empty catalog sets the dimension for the rest.
            dimension = item.getEmbedding().length;
        }
        if (batchIds.contains(item.getItemId()) || inFlightIds.contains(item.getItemId())) {
            send();
            waiting = item;
            listener.pause();
            return;
        }
        append(item);
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

    private void append(CatalogItem item) {
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
        int lastLine = line;
        batch.clear();
        batchIds.clear();
        inFlight++;
        inFlightIds.addAll(ids);
        if (inFlight >= ItemService.MAX_IN_FLIGHT_BATCHES) {
            listener.pause();
        }
        service.putBatch(chunk).subscribe().with(
                ok -> context.execute(() -> {
                    inFlight--;
                    inFlightIds.removeAll(ids);
                    imported += chunk.size();
                    proceed();
                }),
                failure -> context.execute(() -> fail(failure, lastLine)));
    }

    /** After a batch was written or the input ended: continue reading, or report when all is written. */
    private void proceed() {
        if (over) {
            return;
        }
        if (waiting != null) {
            if (inFlight > 0) {
                return;
            }
            CatalogItem next = waiting;
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
        if (inFlight < ItemService.MAX_IN_FLIGHT_BATCHES) {
            listener.resume();
        }
    }

    private void fail(Throwable failure, int nearLine) {
        if (over) {
            return;
        }
        over = true;
        listener.failed(failure, nearLine, imported);
    }
}
