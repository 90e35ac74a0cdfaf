package com.example.profiles.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/** The flow of a streamed import, with batches the test settles by hand, in any order. */
class LineImportTest {

    /** A line: its key and whether the writer rejects it. */
    record Line(String key, boolean reject) {
    }

    private final List<List<Line>> sent = new ArrayList<>();
    private final List<CompletableFuture<List<String>>> pending = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private int resumeFrom = -1;
    private long imported = -1;

    private LineImport<Line> start(int batchSize, int inFlight) {
        LineImport.Writer<Line> writer = batch -> {
            CompletableFuture<List<String>> settled = new CompletableFuture<>();
            sent.add(batch);
            pending.add(settled);
            return Uni.createFrom().completionStage(settled);
        };
        return new LineImport<>(writer, Line::key, new LineImport.Limits(batchSize, inFlight, 1, Duration.ZERO, Duration.ZERO),
                Runnable::run, new LineImport.Listener() {
                    @Override
                    public void pause() {
                        events.add("pause");
                    }

                    @Override
                    public void resume() {
                        events.add("resume");
                    }

                    @Override
                    public void rejected(int line, String detail) {
                        events.add("rejected " + line + " " + detail);
                    }

                    @Override
                    public void completed(long count) {
                        imported = count;
                        events.add("completed");
                    }

                    @Override
                    public void failed(Throwable failure, int resumeFromLine, long count) {
                        resumeFrom = resumeFromLine;
                        imported = count;
                        events.add("failed");
                    }
                });
    }

    private void settle(int batch) {
        List<String> answer = new ArrayList<>();
        sent.get(batch).forEach(line -> answer.add(line.reject() ? "no" : null));
        pending.get(batch).complete(answer);
    }

    @Test
    void batchesAreWrittenAndRejectedLinesReportedByNumber() {
        LineImport<Line> lines = start(2, 4);
        lines.add(new Line("a", false), 1);
        lines.add(new Line("b", true), 3);
        lines.add(new Line("c", false), 4);
        lines.end();
        assertThat(sent).as("the last, partial batch goes when the others are written").hasSize(1);
        settle(0);
        assertThat(sent).hasSize(2);
        assertThat(events).contains("rejected 3 no").doesNotContain("completed");
        settle(1);
        assertThat(events).last().isEqualTo("completed");
        assertThat(imported).isEqualTo(2);
    }

    @Test
    void aKeySeenAgainWaitsUntilItsEarlierLineIsWritten() {
        LineImport<Line> lines = start(10, 4);
        lines.add(new Line("a", false), 1);
        lines.add(new Line("b", false), 2);
        lines.add(new Line("a", false), 3);
        assertThat(sent).as("the batch holding the first a is sent, the second a waits").hasSize(1);
        assertThat(events).last().isEqualTo("pause");
        settle(0);
        lines.end();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1)).containsExactly(new Line("a", false));
        settle(1);
        assertThat(imported).isEqualTo(3);
    }

    @Test
    void aFailedBatchStopsTheImportAtItsFirstLine() {
        LineImport<Line> lines = start(2, 8);
        for (int line = 1; line <= 6; line++) {
            lines.add(new Line("k" + line, false), line);
        }
        assertThat(sent).hasSize(3);
        settle(0);
        pending.get(1).completeExceptionally(new ProblemException(409, "Conflict", "the model was retired"));
        lines.add(new Line("k7", false), 7);
        assertThat(events).doesNotContain("failed");
        settle(2);
        assertThat(events).last().isEqualTo("failed");
        assertThat(resumeFrom).as("lines 1 and 2 written, 3 and 4 not").isEqualTo(3);
        assertThat(imported).as("the batch after the failed one was written too").isEqualTo(4);
    }
}
