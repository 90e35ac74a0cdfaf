package com.example.profiles.kernel;

/**
 * Plain-Java kernel: four independent partial sums (breaks the add dependency chain, lets the JIT
 * overlap work) combined in a fixed order, then a sequential tail. Always available; used when the
 * Vector API is missing or would be slow (interpreter, native image, C1 only).
 */
public final class ScalarKernel implements ScoringKernel {

    public static final ScalarKernel INSTANCE = new ScalarKernel();

    private ScalarKernel() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        int i = 0;
        int upper = length & ~3;
        for (; i < upper; i += 4) {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        float s = (s0 + s1) + (s2 + s3);
        for (; i < length; i++) {
            s += a[aOffset + i] * b[bOffset + i];
        }
        return s;
    }

    @Override
    public void dotRows(float[] matrix, int dim, float[] query, int fromRow, int toRow, float[] out, int outOffset) {
        for (int r = fromRow; r < toRow; r++) {
            out[outOffset + r - fromRow] = dot(matrix, r * dim, query, 0, dim);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
