package com.example.profiles.evaluation;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Accumulates the offline figures of one ranker over users, with Amazon Personalize's definitions. For a user with
 * ranked rows R (best first) and relevant items T, at depth k (R_k: the first k of R):
 * <ul>
 * <li>precision = |R_k ∩ T| / k (k, not |R_k|: a short ranking is not rewarded);</li>
 * <li>recall = |R_k ∩ T| / |T|;</li>
 * <li>hit_rate = 1 when R_k ∩ T is not empty, else 0;</li>
 * <li>ndcg = Σ_{i ≤ k, R_i ∈ T} 1/log2(i+1) divided by Σ_{i ≤ min(k, |T|)} 1/log2(i+1);</li>
 * <li>mrr = 1/i for the first i ≤ 25 with R_i ∈ T, else 0 (the same at every k);</li>
 * </ul>
 * each averaged over the users; coverage = distinct rows in all users' R_k / catalog size. |T| counts relevant
 * items the catalog no longer holds: they can never be ranked, and still count as missed.
 */
public final class Scorecard {

    /** The depth of the reciprocal rank, whatever the k asked for. */
    public static final int MRR_DEPTH = 25;

    private final int[] ks;
    private final int catalogSize;
    private final double[] precision;
    private final double[] recall;
    private final double[] ndcg;
    private final double[] hits;
    private final BitSet[] covered;
    private double reciprocalRanks;
    private long users;

    /** @param ks the depths, each at least 1 */
    public Scorecard(int[] ks, int catalogSize) {
        this.ks = ks.clone();
        this.catalogSize = catalogSize;
        this.precision = new double[ks.length];
        this.recall = new double[ks.length];
        this.ndcg = new double[ks.length];
        this.hits = new double[ks.length];
        this.covered = new BitSet[ks.length];
        for (int j = 0; j < ks.length; j++) {
            covered[j] = new BitSet(catalogSize);
        }
    }

    /** How deep a ranking must go for every figure: the largest k, and the reciprocal rank's depth. */
    public static int depth(int[] ks) {
        int depth = MRR_DEPTH;
        for (int k : ks) {
            depth = Math.max(depth, k);
        }
        return depth;
    }

    /**
     * Adds one user.
     *
     * @param ranked        rows best first, at least {@link #depth} long unless the ranking ran out
     * @param relevantRows  the rows of the user's relevant items the catalog holds
     * @param relevantCount |T|, at least 1
     */
    public void add(int[] ranked, Set<Integer> relevantRows, int relevantCount) {
        if (relevantCount < 1) {
            throw new IllegalArgumentException("a user without relevant items cannot be evaluated");
        }
        users++;
        for (int j = 0; j < ks.length; j++) {
            int k = ks[j];
            int found = 0;
            double gain = 0;
            for (int i = 0; i < Math.min(k, ranked.length); i++) {
                covered[j].set(ranked[i]);
                if (relevantRows.contains(ranked[i])) {
                    found++;
                    gain += discount(i + 1);
                }
            }
            double ideal = 0;
            for (int i = 1; i <= Math.min(k, relevantCount); i++) {
                ideal += discount(i);
            }
            precision[j] += (double) found / k;
            recall[j] += (double) found / relevantCount;
            ndcg[j] += gain / ideal;
            hits[j] += found > 0 ? 1 : 0;
        }
        for (int i = 0; i < Math.min(MRR_DEPTH, ranked.length); i++) {
            if (relevantRows.contains(ranked[i])) {
                reciprocalRanks += 1.0 / (i + 1);
                break;
            }
        }
    }

    /** 1/log2(position + 1), position counted from 1. */
    static double discount(int position) {
        return Math.log(2) / Math.log(position + 1.0);
    }

    public long users() {
        return users;
    }

    /** The figures by k, in the order the depths were given; all 0 before any user. */
    public Map<Integer, RankingMetrics> result() {
        Map<Integer, RankingMetrics> out = new LinkedHashMap<>();
        double n = Math.max(1, users);
        for (int j = 0; j < ks.length; j++) {
            out.put(ks[j], new RankingMetrics(precision[j] / n, recall[j] / n, ndcg[j] / n, hits[j] / n,
                    reciprocalRanks / n, catalogSize == 0 ? 0 : (double) covered[j].cardinality() / catalogSize));
        }
        return out;
    }
}
