package com.example.profiles.kernel;

/**
 * Plain-Java kernel and the reference for {@code VectorKernel}: four independent partial sums (breaks the
 * add dependency chain) combined in a fixed order, then a sequential tail. Always available; used when the
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
    public int lanes() {
        return 1;
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
    public void int8DotBlocks(byte[] codes, int paddedDim, short[] queryPairs, int fromBlock, int toBlock, int[] out) {
        for (int b = fromBlock; b < toBlock; b++) {
            int base = b * BLOCK * paddedDim;
            int w = (b - fromBlock) * BLOCK;
            for (int lane = 0; lane < BLOCK; lane++) {
                int s = 0;
                for (int p = 0; p < paddedDim; p += 2) {
                    int o = base + p * BLOCK + 2 * lane;
                    s += codes[o] * queryPairs[p * BLOCK] + codes[o + 1] * queryPairs[p * BLOCK + 1];
                }
                out[w + lane] = s;
            }
        }
    }

    @Override
    public int int8BlockTest(int[] acc, float sq, float[] blockScale, float[] blockW, float[] blockM, int fromBlock,
                             int blockCount, float q2, float d2, float h, float eta, float threshold, int[] passing) {
        int n = 0;
        for (int blk = 0; blk < blockCount; blk++) {
            int b = fromBlock + blk;
            float bb = (q2 * blockW[b] + d2 * blockM[b]) + h;
            for (int j = blk * BLOCK; j < (blk + 1) * BLOCK; j++) {
                float upper = ((float) acc[j] * sq) * blockScale[b];
                if (!(Math.max(upper, 0f) + (eta * Math.abs(upper) + bb) < threshold)) {
                    passing[n++] = b;
                    break;
                }
            }
        }
        return n;
    }

    @Override
    public int int8RowFilter(int[] acc, int accOffset, float sq, float[] scale, float[] w, float[] m, int block,
                             float q2, float d2, float h, float eta, float threshold, float[] approx, float[] bnd,
                             int[] hits) {
        int n = 0;
        for (int j = 0; j < BLOCK; j++) {
            int r = block * BLOCK + j;
            float a = ((float) acc[accOffset + j] * sq) * scale[r];
            float bound = ((q2 * w[r] + d2 * m[r]) + h) + eta * Math.abs(a);
            approx[j] = a;
            bnd[j] = bound;
            if (!(a + bound < threshold)) {
                hits[n++] = j;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return name();
    }
}
