package com.example.profiles.kernel;

/**
 * Everything the int8 scan needs about one query against one {@link QuantizedCatalog} (its codes and the
 * query-side constants of the bound: {@code Q2}, {@code D2}, {@code H}, the relative slack {@code eta} and the
 * candidate cap), or why the query goes straight to the float32 scan.
 */
final class QueryPlan {

    /** Relative slack covering float rounding of the filter itself: 2^-20 = 16 u. */
    static final float ETA = 0x1p-20f;

    final TopKQuery query;
    final int index;
    final float qNorm;
    final QueryCodes codes;
    final float q2;
    final float d2;
    final float h;
    final float eta;
    final int cap;
    final String fallbackReason;

    private QueryPlan(TopKQuery query, int index, float qNorm, QueryCodes codes, float q2, float d2, float h,
                      float eta, int cap, String fallbackReason) {
        this.query = query;
        this.index = index;
        this.qNorm = qNorm;
        this.codes = codes;
        this.q2 = q2;
        this.d2 = d2;
        this.h = h;
        this.eta = eta;
        this.cap = cap;
        this.fallbackReason = fallbackReason;
    }

    /**
     * Rescoring a candidate reads a whole float row at a random place, several times the cost per row of the
     * sequential float32 scan; beyond rows / 32 candidates the full scan is the cheaper exact answer.
     */
    static int maxCandidates(int k, int rows) {
        return Math.max(Math.max(4096, 16 * k), rows / 32);
    }

    private static QueryPlan fallback(TopKQuery query, int index, String why) {
        return new QueryPlan(query, index, 0f, null, 0f, 0f, 0f, 0f, 0, why);
    }

    /** @param index the query's position in its batch */
    static QueryPlan of(QuantizedCatalog qc, TopKQuery q, int index) {
        float[] query = q.query();
        Metric metric = q.metric();
        int dim = qc.dim();
        float qNorm = CatalogMatrix.l2Norm(query);
        if (metric == Metric.COSINE && qNorm == 0f) {
            return fallback(q, index, "zero query (all cosine scores are 0)");
        }
        if (!Float.isFinite(qNorm)) {
            return fallback(q, index, "query norm not finite");
        }
        // query used by the scan: raw for DOT, unit-normalised for COSINE
        float[] qv = query;
        if (metric == Metric.COSINE) {
            qv = new float[dim];
            for (int i = 0; i < dim; i++) {
                qv[i] = query[i] / qNorm;
            }
        }
        boolean allowance = qc.roundingAllowance();
        double q2 = CatalogMatrix.l2Norm(qv, 0, dim); // rounded to nearest; inflate below
        double inflate = allowance ? 1 + 16 * Rounding.U : 1;
        float q2f = Rounding.roundUp(q2 * (1 + (dim + 4) * 0x1p-52) * inflate);
        double h = qc.additive(metric) + 8 * 0x1p-149;
        if (metric == Metric.COSINE && qc.minNorm() != Float.POSITIVE_INFINITY) {
            // the exact cosine divides the float dot, whose products may underflow, by n_q n_r
            h += (2.0 * dim + 4) * 0x1p-149 / ((double) qNorm * qc.minNorm());
        }
        float hf = Rounding.roundUp(allowance ? h * inflate : 0);
        float eta = allowance ? ETA : 0f;
        QueryCodes codes = QueryCodes.of(qv, qc.paddedDim(), allowance);
        if (allowance && codes.scale > 0f && codes.scale < Float.MIN_NORMAL) {
            return fallback(q, index, "query too small for the int8 bound (subnormal scale)");
        }
        float d2f = qc.queryTerm() ? codes.d2 : 0f;
        if (!Float.isFinite(q2f) || !Float.isFinite(d2f) || !Float.isFinite(hf)) {
            return fallback(q, index, "query bound not finite");
        }
        return new QueryPlan(q, index, qNorm, codes, q2f, d2f, hf, eta, maxCandidates(q.k(), qc.rows()), null);
    }
}
