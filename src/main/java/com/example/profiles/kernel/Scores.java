package com.example.profiles.kernel;

/** The single definition of the exact score, shared by {@link ExactSearch} and {@link Int8Search}. */
public final class Scores {

    private Scores() {
    }

    /**
     * Cosine from the kernel's float32 dot product and the float32 norms: {@code dot / (qNorm * rowNorm)}
     * evaluated in double and rounded once to float. Defined as 0 when either norm is 0.
     */
    public static float cosine(float dot, float queryNorm, float rowNorm) {
        if (queryNorm == 0f || rowNorm == 0f) {
            return 0f;
        }
        return (float) ((double) dot / ((double) queryNorm * (double) rowNorm));
    }

    /** Exact score of one row, exactly as {@link ExactSearch} computes it. */
    public static float score(ScoringKernel kernel, CatalogMatrix m, int row, float[] query, float queryNorm, Metric metric) {
        float d = kernel.dot(m.data(), row * m.dim(), query, 0, m.dim());
        return metric == Metric.COSINE ? cosine(d, queryNorm, m.norm(row)) : d;
    }
}
