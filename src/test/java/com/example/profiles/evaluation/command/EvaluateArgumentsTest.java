package com.example.profiles.evaluation.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.example.profiles.kernel.Metric;

/** The command line of {@code evaluate}, as the Job manifest and the README pass it. */
class EvaluateArgumentsTest {

    @Test
    void readsEveryOption() {
        EvaluateCommand.Arguments a = EvaluateCommand.Arguments.parse(List.of("--model", "books-v2",
                "--cutoff", "2026-11-01T00:00:00Z", "--until", "2026-11-15T00:00:00+01:00", "--k", "5, 10,25",
                "--event-types", "purchase,cart", "--users", "500", "--seed", "7", "--metric", "COSINE",
                "--filter", "language = \"eng\"", "--max-per", "authors:1", "--output", "/tmp/e.json",
                "--timeout", "30m"));
        assertThat(a.model()).isEqualTo("books-v2");
        assertThat(a.cutoff()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(a.until()).isEqualTo(Instant.parse("2026-11-14T23:00:00Z"));
        assertThat(a.ks()).containsExactly(5, 10, 25);
        assertThat(a.eventTypes()).containsExactly("purchase", "cart");
        assertThat(a.users()).isEqualTo(500);
        assertThat(a.seed()).isEqualTo(7L);
        assertThat(a.metric()).isEqualTo(Metric.COSINE);
        assertThat(a.filter()).isEqualTo("language = \"eng\"");
        assertThat(a.maxPer()).isEqualTo("authors:1");
        assertThat(a.output()).isEqualTo(Path.of("/tmp/e.json"));
        assertThat(a.timeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void leavesTheDefaultsToTheRulesAndRefusesWhatCannotWork() {
        EvaluateCommand.Arguments a = EvaluateCommand.Arguments.parse(List.of("--model", "m", "--cutoff",
                "2026-11-01T00:00:00Z", "--until", "2026-11-02T00:00:00Z"));
        assertThat(a.ks()).isNull();
        assertThat(a.eventTypes()).isNull();
        assertThat(a.output()).isNull();
        assertThat(a.timeout()).isEqualTo(Duration.ofHours(2));
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--cutoff", "2026-11-01T00:00:00Z")))
                .hasMessageContaining("--model is required");
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--model", "m", "--cutoff", "yesterday")))
                .hasMessageContaining("--cutoff: not an RFC 3339");
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--model", "m", "--k", "ten")))
                .hasMessageContaining("--k: not an integer");
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--model", "m", "--colour", "red")))
                .hasMessageContaining("unknown argument '--colour'");
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--model")))
                .hasMessageContaining("--model needs a value");
        assertThatThrownBy(() -> EvaluateCommand.Arguments.parse(List.of("--model", "m", "--metric", "l2")))
                .hasMessageContaining("--metric must be dot or cosine");
    }
}
