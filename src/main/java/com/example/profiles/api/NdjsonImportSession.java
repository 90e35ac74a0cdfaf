package com.example.profiles.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jboss.logging.Logger;

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
 * The HTTP side of one streamed NDJSON import into a {@link LineImport}: lines are parsed as they arrive and
 * handed over, and the request is paused while the import asks, so memory stays bounded whatever the body's
 * size. A line that does not parse, or that the writes reject, is reported with its 1-based number and does not
 * stop the others. The answer and its limits are those of the item import ({@link ImportSession}). All state is
 * touched on the request's event-loop context only.
 *
 * @param <T> one parsed line
 */
final class NdjsonImportSession<T> implements LineImport.Listener {

    private static final Logger LOG = Logger.getLogger(NdjsonImportSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext ctx;
    private final FailureTranslator errors;
    private final Function<ObjectNode, T> parse;
    private final String what;
    private final LineImport<T> writes;
    private RecordParser parser;

    private int line;
    private long rejectedCount;
    private final List<Map<String, Object>> rejected = new ArrayList<>();
    private boolean done;

    /**
     * @param parse  a line into its value; a {@link ProblemException} rejects the line
     * @param what   the plural noun of the log line and the answer, e.g. {@code user vectors}
     * @param writes the import that writes the parsed lines, given this session as its listener
     */
    NdjsonImportSession(RoutingContext ctx, FailureTranslator errors, Function<ObjectNode, T> parse, String what,
            Function<LineImport.Listener, LineImport<T>> writes) {
        this.ctx = ctx;
        this.errors = errors;
        this.parse = parse;
        this.what = what;
        this.writes = writes.apply(this);
    }

    /** The executor of the current request's context: where the import's callbacks must run. */
    static java.util.concurrent.Executor context() {
        Context context = Vertx.currentContext();
        return task -> context.runOnContext(v -> task.run());
    }

    void start() {
        parser = RecordParser.newDelimited("\n", ctx.request());
        parser.maxRecordSize(ImportSession.MAX_LINE_BYTES);
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
            ObjectNode json = StrictJson.parseObject(raw.getBytes(), ImportSession.MAX_LINE_BYTES);
            writes.add(parse.apply(json), line);
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
    public void rejected(int lineNumber, String detail) {
        rejectedCount++;
        if (rejected.size() < ImportSession.MAX_REPORTED) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("line", lineNumber);
            entry.put("detail", detail);
            rejected.add(entry);
        }
    }

    @Override
    public void completed(long imported) {
        done = true;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("imported", imported);
        answer.put("rejected", byLine());
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
                ? "line " + (line + 1) + " is longer than " + ImportSession.MAX_LINE_BYTES + " bytes"
                : "the request body could not be read: " + failure.getMessage();
        RoutingProblems.send(ctx, 400, "Bad Request", detail + "; " + writes.imported() + " " + what
                + " of the lines before it were imported");
    }

    @Override
    public void failed(Throwable failure, int resumeFromLine, long imported) {
        if (done) {
            return;
        }
        done = true;
        ProblemException problem = errors.translate(failure);
        LOG.warnf("import of %s stopped at line %d after %d lines: %s", what, resumeFromLine, imported, problem.detail());
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("resume_from_line", resumeFromLine);
        members.put("imported", imported);
        members.put("rejected", byLine());
        members.put("rejected_count", rejectedCount);
        RoutingProblems.send(ctx, problem, problem.detail() + "; every line before line " + resumeFromLine
                + " was written or rejected: send the input again from that line", members);
        // The rest of the body is read and dropped: a client that reads the answer only once its whole upload is
        // sent (the JDK's HttpClient before 25) would otherwise wait for ever on a paused request.
        parser.resume();
    }

    /** Rejections arrive as their batches settle, not in input order: listed by line. */
    private List<Map<String, Object>> byLine() {
        rejected.sort(Comparator.comparingInt(entry -> (Integer) entry.get("line")));
        return rejected;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
