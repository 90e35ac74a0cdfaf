package com.example.profiles.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/** The flow of a streamed import, with batches the test settles by hand, in any order. */
class LineImportTest {

    /** A line: its key, whether the check refuses it and whether the write refuses it. */
    record Line(String key, boolean invalid, boolean reject) {
        Line(String key, boolean reject) {
            this(key, false, reject);
        }
    }

    private final List<List<Line>> sent = new ArrayList<>();
    private final List<CompletableFuture<Map<Integer, String>>> pending = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private int resumeFrom = -1;
    private long imported = -1;

    private LineImport<Line> start(int batchSize, int inFlight) {
        LineImport.Target<Line> target = new LineImport.Target<>() {
            @Override
            public void check(Line line) {
                if (line.invalid()) {
                    throw new ProblemException(422, "Unprocessable Content", "invalid");
                }
            }

            @Override
            public String key(Line line) {
                return line.key();
            }

            @Override
            public Uni<Map<Integer, String>> write(List<Line> batch) {
                CompletableFuture<Map<Integer, String>> settled = new CompletableFuture<>();
                sent.add(batch);
                pending.add(settled);
                return Uni.createFrom().completionStage(settled);
            }
        };
        return new LineImport<>(target, new LineImport.Limits(batchSize, inFlight, 1, Duration.ZERO, Duration.ZERO),
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
        Map<Integer, String> refused = new HashMap<>();
        for (int position = 0; position < sent.get(batch).size(); position++) {
            if (sent.get(batch).get(position).reject()) {
                refused.put(position, "no");
            }
        }
        pending.get(batch).complete(refused);
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

    @Test
    void aLineTheCheckRefusesIsNeitherBatchedNorCounted() {
        LineImport<Line> lines = start(2, 4);
        lines.add(new Line("a", false), 1);
        assertThatThrownBy(() -> lines.add(new Line("b", true, false), 2))
                .isInstanceOf(ProblemException.class).hasMessageContaining("invalid");
        lines.add(new Line("c", false), 3);
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0)).extracting(Line::key).containsExactly("a", "c");
        lines.end();
        settle(0);
        assertThat(events).last().isEqualTo("completed");
        assertThat(imported).isEqualTo(2);
    }

    @Test
    void refusedLinesAreReportedInInputOrderAndTheRestCounted() {
        LineImport<Line> lines = start(3, 4);
        lines.add(new Line("a", true), 1);
        lines.add(new Line("b", false), 2);
        lines.add(new Line("c", true), 5);
        lines.end();
        settle(0);
        assertThat(events).containsSubsequence("rejected 1 no", "rejected 5 no", "completed");
        assertThat(imported).isEqualTo(1);
    }
}
