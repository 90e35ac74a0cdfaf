package com.example.profiles.api.view;

import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.example.profiles.evaluation.Evaluation;
import com.example.profiles.evaluation.RankingMetrics;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** An offline evaluation as {@code GET /v1/models/{model}/evaluations/{id}} answers it. */
@RegisterForReflection
@Schema(name = "Evaluation", description = "An offline evaluation of a model on the store's history, beside the"
        + " popularity baseline over the same users. docs/evaluation.md has the protocol and every formula.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "state", "progress", "detail", "users_evaluated", "users_skipped", "metrics", "baseline" })
public record EvaluationView(
        @Schema(description = "The evaluation's id.") @JsonProperty("id") String id,
        @Schema(enumeration = { "running", "done", "failed" }) @JsonProperty("state") String state,
        @Schema(description = "Share of the sampled users ranked, 0..1.") @JsonProperty("progress") double progress,
        @Schema(description = "What it is doing while running, why it failed; absent when done.")
        @JsonProperty("detail") String detail,
        @Schema(description = "Sampled users ranked.") @JsonProperty("users_evaluated") long usersEvaluated,
        @Schema(description = "Sampled users without a vector in the model valid at the cutoff.")
        @JsonProperty("users_skipped") long usersSkipped,
        @Schema(description = "The model's figures by k (empty until done).")
        @JsonProperty("metrics") Map<String, Figures> metrics,
        @Schema(description = "The popularity baseline's figures by k, over the same users (empty until done).")
        @JsonProperty("baseline") Map<String, Figures> baseline) {

    public static EvaluationView of(Evaluation evaluation) {
        return new EvaluationView(evaluation.id(), evaluation.state().label(), evaluation.progress(),
                evaluation.detail(), evaluation.usersEvaluated(), evaluation.usersSkipped(),
                figures(evaluation.metrics()), figures(evaluation.baseline()));
    }

    private static Map<String, Figures> figures(Map<Integer, RankingMetrics> byK) {
        Map<String, Figures> out = new LinkedHashMap<>();
        byK.forEach((k, m) -> out.put(Integer.toString(k), new Figures(m.precision(), m.recall(), m.ndcg(),
                m.hitRate(), m.mrr(), m.coverage())));
        return out;
    }

    @RegisterForReflection
    @Schema(name = "EvaluationFigures", description = "Means over the evaluated users at one depth k.")
    @JsonPropertyOrder({ "precision", "recall", "ndcg", "hit_rate", "mrr", "coverage" })
    public record Figures(
            @Schema(description = "|R∩T| / k.") @JsonProperty("precision") double precision,
            @Schema(description = "|R∩T| / |T|.") @JsonProperty("recall") double recall,
            @Schema(description = "DCG of the top k (1/log2(1+position)) over the ideal DCG of min(k, |T|) items.")
            @JsonProperty("ndcg") double ndcg,
            @Schema(description = "Share of users with at least one relevant item in the top k.")
            @JsonProperty("hit_rate") double hitRate,
            @Schema(description = "Mean reciprocal rank of the first relevant item in the top 25 (whatever k).")
            @JsonProperty("mrr") double mrr,
            @Schema(description = "Distinct items in all users' top k, per item of the catalog.")
            @JsonProperty("coverage") double coverage) {
    }
}
