package com.example.profiles.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;
import com.example.profiles.dynamo.StoreErrors;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;

/**
 * One streaming import. Lines are parsed as they arrive; valid items are written with
 * BatchWriteItem in chunks of 25, a few chunks at a time, and the request is paused while that
 * many are being written, so memory stays bounded whatever the body's size. Invalid lines are reported with their 1-based number and do
 * not stop the others. All state is touched on the request's event-loop context only.
 */
final class ImportSession {

    static final int MAX_LINE_BYTES = 1 << 20;
    /** Rejections listed in the answer; beyond that they are only counted. */
    static final int MAX_REPORTED = 1000;
    /** Chunks written concurrently: enough to hide the store's latency, few enough to bound memory. */
    static final int MAX_IN_FLIGHT = 4;
    private static final Logger LOG = Logger.getLogger(ImportSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext ctx;
    private final ItemStore items;
    private final StoreErrors errors;
    private final Context context;
    private int dimension;
    private RecordParser parser;

    private int line;
    private long imported;
    private long rejectedCount;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private final List<CatalogItem> batch = new ArrayList<>();
    private final Set<String> batchIds = new HashSet<>();
    private final Set<String> inFlightIds = new HashSet<>();
    private int inFlight;
    private CatalogItem waiting;
    private boolean ended;
    private boolean done;

    ImportSession(RoutingContext ctx, ItemStore items, StoreErrors errors, int dimension) {
        this.ctx = ctx;
        this.items = items;
        this.errors = errors;
        this.dimension = dimension;
        this.context = Vertx.currentContext();
    }

    void start() {
        parser = RecordParser.newDelimited("\n", ctx.request());
        parser.maxRecordSize(MAX_LINE_BYTES);
        parser.handler(this::onLine);
        parser.exceptionHandler(this::onBodyError);
        parser.endHandler(ignored -> onEnd());
        ctx.request().resume();
    }

    private void onLine(Buffer raw) {
        if (done) {
            return;
        }
        line++;
        String text = raw.toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return;
        }
        CatalogItem item;
        try {
            ObjectNode json = StrictJson.parseObject(raw.getBytes(), MAX_LINE_BYTES);
            item = ItemRequests.importLine(json, dimension);
        } catch (ProblemException e) {
            reject(line, e.detail());
            return;
        }
        if (dimension == 0) {
            // The first valid line of an empty catalog sets the dimension for the rest.
            dimension = item.getEmbedding().length;
        }
        item.setUpdatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        if (batchIds.contains(item.getItemId()) || inFlightIds.contains(item.getItemId())) {
            // The same id again: its earlier line must be written before this one, so that the
            // later line wins, and one BatchWriteItem may not name a key twice.
            send();
            waiting = item;
            parser.pause();
            return;
        }
        add(item);
    }

    private void add(CatalogItem item) {
        batch.add(item);
        batchIds.add(item.getItemId());
        if (batch.size() == ItemStore.BATCH_SIZE) {
            send();
        }
    }

    /** Writes the current chunk; up to {@link #MAX_IN_FLIGHT} chunks are written at once. */
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
        if (inFlight >= MAX_IN_FLIGHT) {
            parser.pause();
        }
        items.putBatch(chunk).subscribe().with(
                ok -> context.runOnContext(v -> {
                    inFlight--;
                    inFlightIds.removeAll(ids);
                    imported += chunk.size();
                    proceed();
                }),
                failure -> context.runOnContext(v -> abort(failure, lastLine)));
    }

    /** After a chunk was written or the body ended: continue reading, or answer when all is written. */
    private void proceed() {
        if (done) {
            return;
        }
        if (waiting != null) {
            if (inFlight > 0) {
                return;
            }
            CatalogItem next = waiting;
            waiting = null;
            add(next);
        }
        if (ended) {
            if (inFlight == 0 && waiting == null) {
                if (batch.isEmpty()) {
                    finish();
                } else {
                    send();
                }
            }
            return;
        }
        if (inFlight < MAX_IN_FLIGHT) {
            parser.resume();
        }
    }

    private void onEnd() {
        ended = true;
        proceed();
    }

    private void finish() {
        done = true;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("imported", imported);
        answer.put("rejected", rejected);
        answer.put("rejected_count", rejectedCount);
        ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(write(answer));
    }

    private void onBodyError(Throwable failure) {
        if (done) {
            return;
        }
        done = true;
        String detail = failure instanceof IllegalStateException
                ? "line " + (line + 1) + " is longer than " + MAX_LINE_BYTES + " bytes"
                : "the request body could not be read: " + failure.getMessage();
        RoutingProblems.send(ctx, 400, "Bad Request", detail + "; " + imported
                + " items of the lines before it were imported");
    }

    private void abort(Throwable failure, int nearLine) {
        if (done) {
            return;
        }
        done = true;
        ProblemException problem = errors.translate(failure);
        LOG.warnf("item import stopped near line %d after %d items: %s", nearLine, imported, problem.detail());
        problem.headers().forEach(ctx.response()::putHeader);
        RoutingProblems.send(ctx, problem.status(), problem.title(), problem.detail() + "; the import stopped near line "
                + nearLine + " after " + imported + " items were written");
    }

    private void reject(int lineNumber, String detail) {
        rejectedCount++;
        if (rejected.size() < MAX_REPORTED) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", lineNumber);
            entry.put("detail", detail);
            rejected.add(entry);
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
