package com.example.profiles.kernel;

/**
 * The query half of the int8 scan (the row half is {@link QuantizedCatalog}): the query's int8 codes in the
 * kernel's pair pattern, its scale {@code s_q = fl(max|q'_i| / 127)} and {@code D2 >= ||q' - s_q cq||_2}. The
 * residual is computed exactly in double (as for the rows), its norm inflated for the double sum/sqrt and by
 * {@code 1 + 2^-20} (covers the 4 float roundings of {@code a_r}: int-&gt;float, {@code * s_q},
 * {@code * scale_r}, and {@code scale_r} itself, applied to the {@code D2} part; the {@code Q2} part is
 * covered by {@code G}), then rounded up.
 */
final class QueryCodes {

    final short[] pairs;
    final float scale;
    final float d2;

    private QueryCodes(short[] pairs, float scale, float d2) {
        this.pairs = pairs;
        this.scale = scale;
        this.d2 = d2;
    }

    static QueryCodes of(float[] qv, int paddedDim, boolean allowance) {
        final int B = ScoringKernel.BLOCK;
        int dim = qv.length;
        float maxAbs = 0f;
        for (float x : qv) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        float s = maxAbs / 127f;
        short[] pairs = new short[paddedDim * B];
        double r2 = 0;
        for (int i = 0; i < dim; i++) {
            int c = 0;
            if (s > 0f) {
                c = Math.max(-127, Math.min(127, Math.round(qv[i] / s)));
            }
            double e = (double) qv[i] - (double) s * c; // exact (see docs/int8-bound.md)
            r2 += e * e;
            int base = (i >> 1) * 2 * B + (i & 1);
            for (int lane = 0; lane < B; lane++) {
                pairs[base + 2 * lane] = (short) c;
            }
        }
        double d2 = Math.sqrt(r2) * (1 + (dim + 4) * 0x1p-52);
        if (allowance) {
            d2 *= 1 + 0x1p-20;
        }
        return new QueryCodes(pairs, s, Rounding.roundUp(d2));
    }
}
