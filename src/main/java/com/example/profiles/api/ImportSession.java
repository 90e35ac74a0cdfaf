package com.example.profiles.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import com.example.profiles.api.request.ItemRequests;
import com.example.profiles.api.request.StrictJson;
import com.example.profiles.catalog.ItemImport;
import com.example.profiles.catalog.ItemService;
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
 * The HTTP side of one streaming import: NDJSON lines are parsed as they arrive and handed to an
 * {@link ItemImport}, which writes them in batches and asks to pause the request while enough are in flight,
 * so memory stays bounded whatever the body's size. Invalid lines are reported with their 1-based number and
 * do not stop the others. All state is touched on the request's event-loop context only.
 */
final class ImportSession implements ItemImport.Listener {

    static final int MAX_LINE_BYTES = 1 << 20;
    /** Rejections listed in the answer; beyond that they are only counted. */
    static final int MAX_REPORTED = 1000;
    private static final Logger LOG = Logger.getLogger(ImportSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext ctx;
    private final StoreErrors errors;
    private final ItemImport writes;
    private RecordParser parser;

    private int line;
    private long rejectedCount;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private boolean done;

    ImportSession(RoutingContext ctx, ItemService items, int dimension) {
        this.ctx = ctx;
        this.errors = items.errors();
        Context context = Vertx.currentContext();
        this.writes = items.startImport(dimension, task -> context.runOnContext(v -> task.run()), this);
    }

    void start() {
        parser = RecordParser.newDelimited("\n", ctx.request());
        parser.maxRecordSize(MAX_LINE_BYTES);
        parser.handler(this::onLine);
        parser.exceptionHandler(this::onBodyError);
        parser.endHandler(ignored -> writes.end());
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
        try {
            ObjectNode json = StrictJson.parseObject(raw.getBytes(), MAX_LINE_BYTES);
            writes.add(ItemRequests.importLine(json), line);
        } catch (ProblemException e) {
            reject(line, e.detail());
        }
    }

    @Override
    public void pause() {
        parser.pause();
    }

    @Override
    public void resume() {
        if (!done) {
            parser.resume();
        }
    }

    @Override
    public void completed(long imported) {
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
        writes.abandon();
        String detail = failure instanceof IllegalStateException
                ? "line " + (line + 1) + " is longer than " + MAX_LINE_BYTES + " bytes"
                : "the request body could not be read: " + failure.getMessage();
        RoutingProblems.send(ctx, 400, "Bad Request", detail + "; " + writes.imported()
                + " items of the lines before it were imported");
    }

    @Override
    public void failed(Throwable failure, int resumeFromLine, long imported) {
        if (done) {
            return;
        }
        done = true;
        ProblemException problem = errors.translate(failure);
        LOG.warnf("item import stopped at line %d after %d items: %s", resumeFromLine, imported, problem.detail());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("resume_from_line", resumeFromLine);
        members.put("imported", imported);
        members.put("rejected", rejected);
        members.put("rejected_count", rejectedCount);
        RoutingProblems.send(ctx, problem, problem.detail() + "; every line before line " + resumeFromLine
                + " was written or rejected: send the input again from that line", members);
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
