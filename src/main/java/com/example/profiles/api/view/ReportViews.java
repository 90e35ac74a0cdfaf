package com.example.profiles.api.view;

import java.math.BigDecimal;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.attribution.ExperimentReport;
import com.example.profiles.stats.Interval;
import com.example.profiles.stats.Lift;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The experiment report's JSON. An undefined figure (a ratio to zero) is null. */
public final class ReportViews {

    private ReportViews() {
    }

    @RegisterForReflection
    @Schema(name = "ExperimentReport", description = "The arms of the traffic split over whole hours, from the store's"
            + " counters (the same in every pod and region). docs/attribution.md has every formula.")
    @JsonPropertyOrder({ "since", "until", "arms" })
    public record Report(
            @Schema(format = "date-time", description = "The first hour counted.") @JsonProperty("since") String since,
            @Schema(format = "date-time", description = "The end of the last hour counted (exclusive).")
            @JsonProperty("until") String until,
            @Schema(description = "One per model that served answers in the window, the one that served most first"
                    + " (on a tie, by name): the control the others' `lift` compares with.")
            @JsonProperty("arms") List<Arm> arms) {

        public static Report of(ExperimentReport report) {
            return new Report(report.since().toString(), report.until().toString(),
                    report.arms().stream().map(Arm::of).toList());
        }
    }

    @RegisterForReflection
    @Schema(name = "ExperimentArm")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "model", "served", "views", "carts", "purchases", "revenue", "click_through", "conversion",
            "revenue_per_answer", "lift" })
    public record Arm(
            @Schema(description = "The arm: the model the split (or a request's `model`) assigned. Answers a fallback"
                    + " model scored count for the arm assigned.") @JsonProperty("model") String model,
            @Schema(description = "Answers served (recommendations and similar items) with a recommendation_id.")
            @JsonProperty("served") long served,
            @Schema(description = "Attributed view events.") @JsonProperty("views") long views,
            @Schema(description = "Attributed cart events.") @JsonProperty("carts") long carts,
            @Schema(description = "Attributed purchase events.") @JsonProperty("purchases") long purchases,
            @Schema(description = "Summed value of the attributed purchases.") @JsonProperty("revenue") BigDecimal revenue,
            @Schema(description = "Answers with at least one attributed view, per answer served (Wilson 95% interval).")
            @JsonProperty("click_through") Rate clickThrough,
            @Schema(description = "Answers with at least one attributed purchase, per answer served (Wilson 95%"
                    + " interval).") @JsonProperty("conversion") Rate conversion,
            @Schema(description = "Revenue per answer served, with a normal 95% interval.")
            @JsonProperty("revenue_per_answer") Amount revenuePerAnswer,
            @Schema(description = "Against the control arm; absent on the control itself.") @JsonProperty("lift") Lifts lift) {

        static Arm of(ExperimentReport.Arm arm) {
            ExperimentReport.Lifts l = arm.lift();
            return new Arm(arm.model(), arm.served(), arm.views(), arm.carts(), arm.purchases(), plain(arm.revenue()),
                    Rate.of(arm.clickThrough()), Rate.of(arm.conversion()), Amount.of(arm.revenuePerAnswer()),
                    l == null ? null : new Lifts(Comparison.of(l.conversion()), Comparison.of(l.clickThrough()),
                            Comparison.of(l.revenuePerAnswer())));
        }
    }

    @RegisterForReflection
    @Schema(name = "ExperimentRate")
    @JsonPropertyOrder({ "rate", "low", "high" })
    public record Rate(@Schema(nullable = true) @JsonProperty("rate") Double rate,
                       @Schema(nullable = true) @JsonProperty("low") Double low,
                       @Schema(nullable = true) @JsonProperty("high") Double high) {
        static Rate of(Interval i) {
            return new Rate(number(i.value()), number(i.low()), number(i.high()));
        }
    }

    @RegisterForReflection
    @Schema(name = "ExperimentAmount")
    @JsonPropertyOrder({ "value", "low", "high" })
    public record Amount(@Schema(nullable = true) @JsonProperty("value") Double value,
                         @Schema(nullable = true) @JsonProperty("low") Double low,
                         @Schema(nullable = true) @JsonProperty("high") Double high) {
        static Amount of(Interval i) {
            return new Amount(number(i.value()), number(i.low()), number(i.high()));
        }
    }

    @RegisterForReflection
    @Schema(name = "ExperimentLifts")
    @JsonPropertyOrder({ "conversion", "click_through", "revenue_per_answer" })
    public record Lifts(@JsonProperty("conversion") Comparison conversion,
                        @JsonProperty("click_through") Comparison clickThrough,
                        @JsonProperty("revenue_per_answer") Comparison revenuePerAnswer) {
    }

    @RegisterForReflection
    @Schema(name = "ExperimentLift", description = "Relative lift over the control (0.3 = 30% higher), its 95% interval,"
            + " and the two-sided p-value of no difference (two-proportion z-test for rates, Welch z-test for revenue).")
    @JsonPropertyOrder({ "value", "low", "high", "p_value" })
    public record Comparison(@Schema(nullable = true) @JsonProperty("value") Double value,
                             @Schema(nullable = true) @JsonProperty("low") Double low,
                             @Schema(nullable = true) @JsonProperty("high") Double high,
                             @Schema(nullable = true) @JsonProperty("p_value") Double pValue) {
        static Comparison of(Lift l) {
            return new Comparison(number(l.value()), number(l.low()), number(l.high()), number(l.pValue()));
        }
    }

    private static Double number(double x) {
        return Double.isFinite(x) ? x : null;
    }

    private static BigDecimal plain(BigDecimal x) {
        return new BigDecimal(x.stripTrailingZeros().toPlainString());
    }
}
