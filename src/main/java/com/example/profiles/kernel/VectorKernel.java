package com.example.profiles.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel ({@code jdk.incubator.vector}). Only ever loaded reflectively by {@link Kernels}, so a
 * missing module surfaces as a {@link LinkageError} there, never elsewhere.
 *
 * <p>Design (after Lucene's Panama support): {@link FloatVector#SPECIES_PREFERRED}, four accumulators per
 * row to hide FMA latency, FMA only when the CPU has fast FMA ({@link CpuFeatures#fastFma()}), otherwise
 * {@code mul} + {@code add}; a scalar tail for dims that are not a multiple of the lane count.
 *
 * <p>Determinism: lane-wise {@code fma}/{@code mul}/{@code add} are exactly rounded IEEE operations and
 * therefore identical in the interpreter, C1 and C2. The horizontal sum is done lane by lane in a fixed
 * order ({@link #sumLanes}) instead of {@code reduceLanes(ADD)}, whose association order is unspecified.
 * {@link #dotRows} processes two rows per pass (the query chunk is loaded once for both rows) but keeps
 * each row's arithmetic exactly the same sequence as {@link #dot}, so results are bit-identical.
 */
final class VectorKernel implements ScoringKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int L4 = 4 * L;
    private static final boolean FMA = CpuFeatures.fastFma();

    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
    /** The blocked int8 scan needs 8 float lanes (one per row of a block) in hardware. */
    private static final boolean INT8_VECTOR = S.vectorBitSize() >= 256 && QuantizedCatalog.BLOCK == 8;

    VectorKernel() {
    }

    static int bitSize() {
        return S.vectorBitSize();
    }

    static boolean usesFma() {
        return FMA;
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public String name() {
        return "vector-api-" + S.vectorBitSize() + "bit" + (FMA ? "-fma" : "");
    }

    private static FloatVector step(FloatVector a, FloatVector b, FloatVector acc) {
        return FMA ? a.fma(b, acc) : a.mul(b).add(acc);
    }

    private static float stepScalar(float a, float b, float acc) {
        return FMA ? Math.fma(a, b, acc) : acc + a * b;
    }

    /** Fixed-order horizontal sum: ((((0 + l0) + l1) + l2) ...). */
    private static float sumLanes(FloatVector v) {
        float s = 0f;
        for (int j = 0; j < L; j++) {
            s += v.lane(j);
        }
        return s;
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        int i = 0;
        float res = 0f;
        if (length >= L) {
            FloatVector acc0 = FloatVector.zero(S);
            FloatVector acc1 = FloatVector.zero(S);
            FloatVector acc2 = FloatVector.zero(S);
            FloatVector acc3 = FloatVector.zero(S);
            int up4 = length - length % L4;
            for (; i < up4; i += L4) {
                acc0 = step(FloatVector.fromArray(S, a, aOffset + i), FloatVector.fromArray(S, b, bOffset + i), acc0);
                acc1 = step(FloatVector.fromArray(S, a, aOffset + i + L), FloatVector.fromArray(S, b, bOffset + i + L), acc1);
                acc2 = step(FloatVector.fromArray(S, a, aOffset + i + 2 * L), FloatVector.fromArray(S, b, bOffset + i + 2 * L), acc2);
                acc3 = step(FloatVector.fromArray(S, a, aOffset + i + 3 * L), FloatVector.fromArray(S, b, bOffset + i + 3 * L), acc3);
            }
            int up1 = length - length % L;
            for (; i < up1; i += L) {
                acc0 = step(FloatVector.fromArray(S, a, aOffset + i), FloatVector.fromArray(S, b, bOffset + i), acc0);
            }
            res = sumLanes(acc0.add(acc1).add(acc2.add(acc3)));
        }
        for (; i < length; i++) {
            res = stepScalar(a[aOffset + i], b[bOffset + i], res);
        }
        return res;
    }

    @Override
    public void dotRows(float[] m, int dim, float[] q, int fromRow, int toRow, float[] out, int outOffset) {
        final int shift = outOffset - fromRow;
        int r = fromRow;
        if (dim >= L) {
            final int up4 = dim - dim % L4;
            final int up1 = dim - dim % L;
            for (; r + 1 < toRow; r += 2) {
                final int o0 = r * dim;
                final int o1 = o0 + dim;
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
                FloatVector b0 = FloatVector.zero(S), b1 = FloatVector.zero(S), b2 = FloatVector.zero(S), b3 = FloatVector.zero(S);
                int i = 0;
                for (; i < up4; i += L4) {
                    FloatVector q0 = FloatVector.fromArray(S, q, i);
                    FloatVector q1 = FloatVector.fromArray(S, q, i + L);
                    FloatVector q2 = FloatVector.fromArray(S, q, i + 2 * L);
                    FloatVector q3 = FloatVector.fromArray(S, q, i + 3 * L);
                    a0 = step(FloatVector.fromArray(S, m, o0 + i), q0, a0);
                    b0 = step(FloatVector.fromArray(S, m, o1 + i), q0, b0);
                    a1 = step(FloatVector.fromArray(S, m, o0 + i + L), q1, a1);
                    b1 = step(FloatVector.fromArray(S, m, o1 + i + L), q1, b1);
                    a2 = step(FloatVector.fromArray(S, m, o0 + i + 2 * L), q2, a2);
                    b2 = step(FloatVector.fromArray(S, m, o1 + i + 2 * L), q2, b2);
                    a3 = step(FloatVector.fromArray(S, m, o0 + i + 3 * L), q3, a3);
                    b3 = step(FloatVector.fromArray(S, m, o1 + i + 3 * L), q3, b3);
                }
                for (; i < up1; i += L) {
                    FloatVector q0 = FloatVector.fromArray(S, q, i);
                    a0 = step(FloatVector.fromArray(S, m, o0 + i), q0, a0);
                    b0 = step(FloatVector.fromArray(S, m, o1 + i), q0, b0);
                }
                float ra = sumLanes(a0.add(a1).add(a2.add(a3)));
                float rb = sumLanes(b0.add(b1).add(b2.add(b3)));
                for (; i < dim; i++) {
                    ra = stepScalar(m[o0 + i], q[i], ra);
                    rb = stepScalar(m[o1 + i], q[i], rb);
                }
                out[shift + r] = ra;
                out[shift + r + 1] = rb;
            }
        }
        for (; r < toRow; r++) {
            out[shift + r] = dot(m, r * dim, q, 0, dim);
        }
    }

    @Override
    public void int8DotBlocks(byte[] codes, int dim, float[] query, int fromBlock, int toBlock, float[] out) {
        if (!INT8_VECTOR) {
            ScoringKernel.super.int8DotBlocks(codes, dim, query, fromBlock, toBlock, out);
            return;
        }
        final int stride = dim * 8;
        int b = fromBlock;
        for (; b + 3 < toBlock; b += 4) {
            FloatVector a0 = FloatVector.zero(S256), a1 = FloatVector.zero(S256);
            FloatVector a2 = FloatVector.zero(S256), a3 = FloatVector.zero(S256);
            int o = b * stride;
            for (int i = 0; i < dim; i++, o += 8) {
                FloatVector qv = FloatVector.broadcast(S256, query[i]);
                a0 = codes(codes, o).fma(qv, a0);
                a1 = codes(codes, o + stride).fma(qv, a1);
                a2 = codes(codes, o + 2 * stride).fma(qv, a2);
                a3 = codes(codes, o + 3 * stride).fma(qv, a3);
            }
            int w = (b - fromBlock) * 8;
            a0.intoArray(out, w);
            a1.intoArray(out, w + 8);
            a2.intoArray(out, w + 16);
            a3.intoArray(out, w + 24);
        }
        for (; b < toBlock; b++) {
            FloatVector a0 = FloatVector.zero(S256);
            int o = b * stride;
            for (int i = 0; i < dim; i++, o += 8) {
                a0 = codes(codes, o).fma(FloatVector.broadcast(S256, query[i]), a0);
            }
            a0.intoArray(out, (b - fromBlock) * 8);
        }
    }

    @Override
    public int int8Filter(float[] acc, float[] scale, float[] w, int rowOffset, int count, float q2, float h, float eta,
                          float threshold, float[] bnd, int[] hits) {
        if (!INT8_VECTOR) {
            return ScoringKernel.super.int8Filter(acc, scale, w, rowOffset, count, q2, h, eta, threshold, bnd, hits);
        }
        FloatVector q2v = FloatVector.broadcast(S256, q2);
        FloatVector hv = FloatVector.broadcast(S256, h);
        FloatVector etav = FloatVector.broadcast(S256, eta);
        FloatVector tv = FloatVector.broadcast(S256, threshold);
        int n = 0;
        int j = 0;
        for (; j + 8 <= count; j += 8) {
            FloatVector a = FloatVector.fromArray(S256, acc, j).mul(FloatVector.fromArray(S256, scale, rowOffset + j));
            FloatVector b = q2v.mul(FloatVector.fromArray(S256, w, rowOffset + j)).add(hv).add(etav.mul(a.abs()));
            a.intoArray(acc, j);
            b.intoArray(bnd, j);
            long bits = a.add(b).compare(VectorOperators.LT, tv).not().toLong();
            while (bits != 0) {
                hits[n++] = j + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
            }
        }
        for (; j < count; j++) {
            float a = acc[j] * scale[rowOffset + j];
            float b = (q2 * w[rowOffset + j] + h) + eta * Math.abs(a);
            acc[j] = a;
            bnd[j] = b;
            if (!(a + b < threshold)) {
                hits[n++] = j;
            }
        }
        return n;
    }

    private static FloatVector codes(byte[] codes, int offset) {
        return (FloatVector) ByteVector.fromArray(B64, codes, offset).convertShape(VectorOperators.B2F, S256, 0);
    }

    @Override
    public String toString() {
        return name();
    }
}
