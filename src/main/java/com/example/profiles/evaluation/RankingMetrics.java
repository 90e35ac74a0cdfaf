package com.example.profiles.evaluation;

/**
 * The offline figures of one ranking depth k, each a mean over the evaluated users except coverage (see
 * {@link Scorecard} for the formulas).
 *
 * @param mrr always at depth {@link Scorecard#MRR_DEPTH}, whatever k
 */
public record RankingMetrics(double precision, double recall, double ndcg, double hitRate, double mrr,
                             double coverage) {
}
