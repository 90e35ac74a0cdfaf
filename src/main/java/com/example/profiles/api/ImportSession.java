package com.example.profiles.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import com.example.profiles.api.http.RequestGuards;
import com.example.profiles.api.request.StrictJson;
import com.example.profiles.error.FailureTranslator;
import com.example.profiles.error.ProblemException;
import com.example.profiles.error.RoutingProblems;
import com.example.profiles.ingest.LineImport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP side of every streamed NDJSON import (items, a model's item vectors, users' vectors), so that they
 * share one answer, one set of limits and one {@code resume_from_line}: lines are parsed as they arrive and handed
 * to a {@link LineImport}, which writes them in batches and asks to pause the request while enough are in flight,
 * so memory stays bounded whatever the body's size. Invalid lines, and lines the store refused (a vector for an
 * item that does not exist), are reported with their 1-based number and do not stop the others. All state is
 * touched on the request's event-loop context only.
 *
 * @param <T> what one line holds
 */
final class ImportSession<T> implements LineImport.Listener {

    /** One line's entry, from its JSON object. */
    interface LineParser<T> {
        /** @throws ProblemException (400) naming what is wrong with the line */
        T parse(ObjectNode line);
    }

    /** Starts the write side, whose calls and callbacks run on {@code context}. */
    interface Writes<T> {
        LineImport<T> start(Executor context, LineImport.Listener listener);
    }

    static final String NDJSON = "application/x-ndjson";
    static final int MAX_LINE_BYTES = 1 << 20;
    /** Rejections listed in the answer; beyond that they are only counted. */
    static final int MAX_REPORTED = 1000;
    private static final Logger LOG = Logger.getLogger(ImportSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext ctx;
    private final FailureTranslator errors;
    private final String what;
    private final LineParser<T> lines;
    private final LineImport<T> writes;
    private RecordParser parser;

    private int line;
    private long rejectedCount;
    /** The first rejected lines, by line number: lines the store refused are reported after later ones. */
    private final TreeMap<Integer, String> rejected = new TreeMap<>();
    private boolean done;

    /** @param what what the import writes, in the answers' words ("items", "vectors") */
    ImportSession(RoutingContext ctx, FailureTranslator errors, String what, LineParser<T> lines, Writes<T> writes) {
        this.ctx = ctx;
        this.errors = errors;
        this.what = what;
        this.lines = lines;
        this.writes = writes.start(context(), this);
    }

    /** The executor of the current request's context: where the import's calls and callbacks must run. */
    static Executor context() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(v -> task.run());
    }

    /** Answers 415 unless the request's body is NDJSON; true when it is. */
    static boolean acceptsBody(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !RequestGuards.mediaType(type).equalsIgnoreCase(NDJSON)) {
            RoutingProblems.send(ctx, 415, "Unsupported Media Type", "the import body must be " + NDJSON);
            return false;
        }
        return true;
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
            writes.add(lines.parse(json), line);
        } catch (ProblemException e) {
            rejected(line, e.detail());
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
        answer.put("rejected", rejectedList());
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
                + " " + what + " of the lines before it were imported");
    }

    @Override
    public void failed(Throwable failure, int resumeFromLine, long imported) {
        if (done) {
            return;
        }
        done = true;
        ProblemException problem = errors.translate(failure);
        LOG.warnf("import of %s stopped at line %d after %d: %s", what, resumeFromLine, imported, problem.detail());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("resume_from_line", resumeFromLine);
        members.put("imported", imported);
        members.put("rejected", rejectedList());
        members.put("rejected_count", rejectedCount);
        RoutingProblems.send(ctx, problem, problem.detail() + "; every line before line " + resumeFromLine
                + " was written or rejected: send the input again from that line", members);
        // The rest of the body is read and dropped: a client that reads the answer only once its whole upload is
        // sent (the JDK's HttpClient before 25) would otherwise wait for ever on a paused request.
        parser.resume();
    }

    @Override
    public void rejected(int lineNumber, String detail) {
        rejectedCount++;
        rejected.put(lineNumber, detail);
        if (rejected.size() > MAX_REPORTED) {
            rejected.pollLastEntry();
        }
    }

    private List<Map<String, Object>> rejectedList() {
        List<Map<String, Object>> list = new ArrayList<>(rejected.size());
        rejected.forEach((lineNumber, detail) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", lineNumber);
            entry.put("detail", detail);
            list.add(entry);
        });
        return list;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
