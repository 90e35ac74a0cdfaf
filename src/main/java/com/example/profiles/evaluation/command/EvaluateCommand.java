package com.example.profiles.evaluation.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.api.view.EvaluationView;
import com.example.profiles.catalog.CatalogHolder;
import com.example.profiles.error.ProblemException;
import com.example.profiles.evaluation.Evaluation;
import com.example.profiles.evaluation.EvaluationRequest;
import com.example.profiles.evaluation.EvaluationRules;
import com.example.profiles.evaluation.Evaluations;
import com.example.profiles.kernel.Metric;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@code evaluate --model books-v2 --cutoff 2026-11-01T00:00:00Z --until 2026-11-15T00:00:00Z [--k 5,10,25]
 * [--event-types purchase] [--users 10000] [--seed 1] [--metric dot|cosine] [--filter EXPR] [--max-per facet:N]
 * [--output FILE] [--timeout 2h]}: the offline evaluation of {@code POST /v1/models/{model}/evaluations} as a
 * one-shot command for a Kubernetes Job. It loads the catalog as a pod does, runs the evaluation, prints the table
 * and writes the JSON the endpoint answers to {@code --output} (else to standard output after the table).
 */
@ApplicationScoped
public class EvaluateCommand {

    public static final String NAME = "evaluate";
    static final String USAGE = "usage: evaluate --model <model> --cutoff <RFC 3339> --until <RFC 3339> [--k 5,10,25]"
            + " [--event-types purchase] [--users 10000] [--seed 1] [--metric dot|cosine] [--filter <expression>]"
            + " [--max-per <facet:N>] [--output <file>] [--timeout <duration, e.g. 2h>]";
    private static final Duration CATALOG_POLL = Duration.ofMillis(200);

    private final Evaluations evaluations;
    private final EvaluationRules rules;
    private final CatalogHolder catalogs;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public EvaluateCommand(Evaluations evaluations, EvaluationRules rules, CatalogHolder catalogs) {
        this.evaluations = evaluations;
        this.rules = rules;
        this.catalogs = catalogs;
    }

    /** Runs the command in the calling (main) thread; the exit code: 0 done, 1 failed, 2 bad arguments. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Arguments parsed;
        EvaluationRequest request;
        try {
            parsed = Arguments.parse(args);
            request = rules.request(parsed.model(), parsed.cutoff(), parsed.until(), parsed.ks(), parsed.eventTypes(),
                    parsed.users(), parsed.seed(), parsed.metric(), parsed.filter(), parsed.maxPer());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ProblemException e) {
            err.println(e.detail());
            err.println(USAGE);
            return 2;
        }
        Instant deadline = Instant.now().plus(parsed.timeout());
        try {
            while (catalogs.current() == null) {
                if (Instant.now().isAfter(deadline)) {
                    err.println("evaluation failed: the catalog did not load within " + parsed.timeout());
                    return 1;
                }
                Thread.sleep(CATALOG_POLL.toMillis());
            }
            out.println("evaluating model " + request.model() + " on " + String.join(", ", request.eventTypes())
                    + " events in (" + request.cutoff() + ", " + request.until() + "]");
            Evaluation evaluation = evaluations.run(request).await()
                    .atMost(Duration.between(Instant.now(), deadline));
            if (evaluation.state() != Evaluation.State.DONE) {
                err.println("evaluation failed: " + evaluation.detail());
                return 1;
            }
            out.print(EvaluationTable.format(evaluation));
            String answer = json.writeValueAsString(EvaluationView.of(evaluation));
            if (parsed.output() == null) {
                out.println(answer);
            } else {
                Files.writeString(parsed.output(), answer + "\n");
                out.println("wrote " + parsed.output());
            }
            return 0;
        } catch (ProblemException e) {
            err.println("evaluation failed: " + e.detail());
            return e.status() >= 500 ? 1 : 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("evaluation interrupted");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("evaluation failed: " + e.getMessage());
            return 1;
        }
    }

    /** The command line, checked for form; the rules of the endpoint check the values. */
    record Arguments(String model, Instant cutoff, Instant until, List<Integer> ks, List<String> eventTypes,
                     Integer users, Long seed, Metric metric, String filter, String maxPer, Path output,
                     Duration timeout) {

        static Arguments parse(List<String> args) {
            String model = null;
            Instant cutoff = null;
            Instant until = null;
            List<Integer> ks = null;
            List<String> types = null;
            Integer users = null;
            Long seed = null;
            Metric metric = null;
            String filter = null;
            String maxPer = null;
            Path output = null;
            Duration timeout = Duration.ofHours(2);
            for (int i = 0; i < args.size(); i += 2) {
                String arg = args.get(i);
                String value = i + 1 < args.size() ? args.get(i + 1) : null;
                if (value == null || value.startsWith("--")) {
                    throw new IllegalArgumentException(arg + (arg.startsWith("--") ? " needs a value" : ": unknown argument"));
                }
                switch (arg) {
                    case "--model" -> model = value;
                    case "--cutoff" -> cutoff = instant(arg, value);
                    case "--until" -> until = instant(arg, value);
                    case "--k" -> ks = integers(arg, value);
                    case "--event-types" -> types = list(value);
                    case "--users" -> users = integers(arg, value).get(0);
                    case "--seed" -> seed = number(arg, value);
                    case "--metric" -> metric = metric(value);
                    case "--filter" -> filter = value;
                    case "--max-per" -> maxPer = value;
                    case "--output" -> output = Path.of(value);
                    case "--timeout" -> timeout = duration(value);
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("--model is required");
            }
            if (cutoff == null || until == null) {
                throw new IllegalArgumentException("--cutoff and --until are required");
            }
            return new Arguments(model, cutoff, until, ks, types, users, seed, metric, filter, maxPer, output, timeout);
        }

        private static Instant instant(String option, String value) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + ": not an RFC 3339 date-time such as 2026-11-01T00:00:00Z: "
                        + value);
            }
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }

        private static List<Integer> integers(String option, String value) {
            List<Integer> out = new ArrayList<>();
            for (String part : list(value)) {
                out.add((int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, number(option, part))));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return out;
        }

        private static long number(String option, String value) {
            try {
                return Long.parseLong(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not an integer: " + value);
            }
        }

        private static Metric metric(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "dot" -> Metric.DOT;
                case "cosine" -> Metric.COSINE;
                default -> throw new IllegalArgumentException("--metric must be dot or cosine");
            };
        }

        private static Duration duration(String value) {
            try {
                Duration d = Duration.parse(value.startsWith("P") || value.startsWith("p") ? value : "PT" + value);
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("--timeout must be positive");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("--timeout: not a duration: " + value);
            }
        }
    }
}
