package com.example.profiles.ranking;

import java.util.function.IntUnaryOperator;

import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Scores;
import com.example.profiles.kernel.ScoringKernel;

/**
 * "Because you bought ...": for each recommended row, the purchased row whose embedding scores highest
 * against it under the request's metric (ties by row), with the exact float32 score of {@link Scores}.
 */
public final class Reasons {

    /** One reason: the purchased row and its similarity to the recommended row. */
    public record Because(int row, float similarity) {
    }

    private Reasons() {
    }

    /**
     * @param purchased rows of the purchased items in the catalog, ascending; none gives no reasons
     * @return per recommended row, its reason, or null when {@code purchased} is empty
     */
    public static Because[] because(ScoringKernel kernel, CatalogMatrix m, Metric metric, int[] recommended,
                                    int[] purchased) {
        return because(kernel, m, IntUnaryOperator.identity(), metric, recommended, purchased);
    }

    /**
     * The same when catalog row r is row {@code at(r)} of {@code m} (a matrix laid out in clusters): rows in and
     * out, and ties, stay catalog rows.
     */
    public static Because[] because(ScoringKernel kernel, CatalogMatrix m, IntUnaryOperator at, Metric metric,
                                    int[] recommended, int[] purchased) {
        Because[] reasons = new Because[recommended.length];
        if (purchased.length == 0) {
            return reasons;
        }
        for (int i = 0; i < recommended.length; i++) {
            float[] item = m.row(at.applyAsInt(recommended[i]));
            float norm = m.norm(at.applyAsInt(recommended[i]));
            int best = -1;
            float bestScore = 0f;
            for (int p : purchased) {
                float s = Scores.score(kernel, m, at.applyAsInt(p), item, norm, metric);
                if (best < 0 || s > bestScore || (s == bestScore && p < best)) {
                    best = p;
                    bestScore = s;
                }
            }
            reasons[i] = new Because(best, bestScore);
        }
        return reasons;
    }
}
