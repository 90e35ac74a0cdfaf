package com.example.profiles.attribution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.stats.Means;
import com.example.profiles.stats.Proportions;

import io.smallrye.mutiny.Uni;

/**
 * The experiment report, from the store's counters alone: every pod of every region answers the same (once
 * replication has brought the other regions' counters). An arm is the model the traffic split (or the
 * request's {@code model}) assigned, so answers a fallback model scored count for the arm that was assigned
 * (intention to treat); its strategies and both kinds of answers are summed. The formulas are in {@code stats}
 * and docs/attribution.md.
 */
@ApplicationScoped
public class ExperimentReports {

    static final String VIEW = "view";
    static final String CART = "cart";
    static final String PURCHASE = "purchase";

    private final CounterStore store;

    public ExperimentReports(CounterStore store) {
        this.store = store;
    }

    /** The report of the hours {@code [since, until)}; both are whole hours. */
    public Uni<ExperimentReport> report(Instant since, Instant until) {
        return store.read(since.getEpochSecond() / 3600, until.getEpochSecond() / 3600)
                .map(rows -> new ExperimentReport(since, until, arms(rows)));
    }

    /** The sums of one arm. */
    private static final class Sums {
        long served;
        long views;
        long carts;
        long purchases;
        long viewedAnswers;
        long purchasedAnswers;
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal revenueSquares = BigDecimal.ZERO;
    }

    static List<ExperimentReport.Arm> arms(List<CounterStore.Row> rows) {
        Map<String, Sums> byArm = new TreeMap<>();
        for (CounterStore.Row row : rows) {
            Sums sums = byArm.computeIfAbsent(row.arm(), a -> new Sums());
            if (CounterTable.KIND_SERVED.equals(row.kind())) {
                sums.served += row.served();
                continue;
            }
            switch (row.type() == null ? "" : row.type()) {
                case VIEW -> {
                    sums.views += row.events();
                    sums.viewedAnswers += row.answers();
                }
                case CART -> sums.carts += row.events();
                case PURCHASE -> {
                    sums.purchases += row.events();
                    sums.purchasedAnswers += row.answers();
                    sums.revenue = sums.revenue.add(row.value());
                    sums.revenueSquares = sums.revenueSquares.add(row.valueSquares());
                }
                default -> {
                    // other types (ratings, returns) are stored and counted, but no figure of the report uses them
                }
            }
        }
        // an arm is a model that served in the window; events of answers whose served count a crash lost are left out
        List<Map.Entry<String, Sums>> serving = new ArrayList<>(byArm.entrySet().stream()
                .filter(e -> e.getValue().served > 0).toList());
        serving.sort(Comparator.comparing((Map.Entry<String, Sums> e) -> -e.getValue().served)
                .thenComparing(Map.Entry::getKey));
        List<ExperimentReport.Arm> arms = new ArrayList<>();
        Sums control = serving.isEmpty() ? null : serving.get(0).getValue();
        for (Map.Entry<String, Sums> entry : serving) {
            Sums s = entry.getValue();
            Means.Estimate revenue = Means.perAnswer(s.revenue.doubleValue(), s.revenueSquares.doubleValue(), s.served);
            ExperimentReport.Lifts lift = null;
            if (s != control) {
                lift = new ExperimentReport.Lifts(
                        Proportions.lift(control.purchasedAnswers, control.served, s.purchasedAnswers, s.served),
                        Proportions.lift(control.viewedAnswers, control.served, s.viewedAnswers, s.served),
                        Means.lift(Means.perAnswer(control.revenue.doubleValue(), control.revenueSquares.doubleValue(),
                                control.served), revenue));
            }
            arms.add(new ExperimentReport.Arm(entry.getKey(), s.served, s.views, s.carts, s.purchases, s.revenue,
                    Proportions.wilson(s.viewedAnswers, s.served), Proportions.wilson(s.purchasedAnswers, s.served),
                    Means.interval(revenue), lift));
        }
        return arms;
    }
}
