package com.example.profiles.evaluation.command;

import java.util.Locale;
import java.util.Map;

import com.example.profiles.evaluation.Evaluation;
import com.example.profiles.evaluation.RankingMetrics;

/** A finished evaluation as a plain-text table: per k, the model's row and the popularity baseline's. */
final class EvaluationTable {

    private static final String ROW = "%-4s %-24s %9s %9s %9s %9s %9s %9s%n";

    private EvaluationTable() {
    }

    static String format(Evaluation evaluation) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d users evaluated, %d skipped (no vector at the cutoff)%n",
                evaluation.usersEvaluated(), evaluation.usersSkipped()));
        out.append(String.format(Locale.ROOT, ROW, "k", "ranker", "precision", "recall", "ndcg", "hit_rate",
                "mrr@25", "coverage"));
        String model = evaluation.request().model();
        for (Map.Entry<Integer, RankingMetrics> entry : evaluation.metrics().entrySet()) {
            row(out, entry.getKey(), model, entry.getValue());
            row(out, entry.getKey(), "popularity", evaluation.baseline().get(entry.getKey()));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, int k, String ranker, RankingMetrics m) {
        out.append(String.format(Locale.ROOT, ROW, k, ranker, f(m.precision()), f(m.recall()), f(m.ndcg()),
                f(m.hitRate()), f(m.mrr()), f(m.coverage())));
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
