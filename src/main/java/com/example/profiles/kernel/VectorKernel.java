package com.example.profiles.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
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
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    /** The blocked int8 scan needs 8 int/float lanes (one per row of a block) in hardware. */
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

    /** Constant shuffles pairing lane j with lane j ^ d (a fixed reduction tree); null when d >= L. */
    private static final VectorShuffle<Float> X8 = xor(8);
    private static final VectorShuffle<Float> X4 = xor(4);
    private static final VectorShuffle<Float> X2 = xor(2);
    private static final VectorShuffle<Float> X1 = xor(1);

    private static VectorShuffle<Float> xor(int d) {
        return d < L ? VectorShuffle.fromOp(S, j -> j ^ d) : null;
    }

    /**
     * Fixed-order horizontal sum: a pairwise tree (lane j + lane j^(L/2), ...) built from lane-wise adds and
     * constant shuffles, so every tier computes the same bits. Not {@code reduceLanes(ADD)} (order
     * unspecified) and not a loop over {@code lane(j)}: with a non-constant index C2 does not intrinsify
     * {@code lane} and boxes the vector, which made the whole kernel ~5x slower at dim 64.
     */
    private static float sumLanes(FloatVector v) {
        if (L > 16) {
            return sumLanesSlow(v);
        }
        if (L > 8) {
            v = v.add(v.rearrange(X8));
        }
        if (L > 4) {
            v = v.add(v.rearrange(X4));
        }
        if (L > 2) {
            v = v.add(v.rearrange(X2));
        }
        if (L > 1) {
            v = v.add(v.rearrange(X1));
        }
        return v.lane(0);
    }

    /** Same tree for wider (hypothetical) species; not used on x86 (L <= 16). */
    private static float sumLanesSlow(FloatVector v) {
        for (int d = L / 2; d >= 1; d /= 2) {
            final int dist = d;
            v = v.add(v.rearrange(VectorShuffle.fromOp(S, j -> j ^ dist)));
        }
        return v.lane(0);
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

    /**
     * Per 4 dimensions of a block: two 16-byte loads widened to shorts ({@code vpmovsxbw}), multiplied by the
     * query pair pattern ({@code vpmullw}, |product| <= 127 * 127) and added (|sum| <= 32 258, no short
     * overflow); each int lane then holds two adjacent shorts {@code hi:lo}, and {@code (x >> 16) + ((x << 16) >> 16)}
     * adds them exactly into the int accumulator: a {@code pmaddwd} in three shifts. Two blocks per pass.
     */
    @Override
    public void int8DotBlocks(byte[] codes, int dp, short[] qp, int fromBlock, int toBlock, int[] out) {
        if (!INT8_VECTOR) {
            ScoringKernel.super.int8DotBlocks(codes, dp, qp, fromBlock, toBlock, out);
            return;
        }
        final int stride = dp * 8;
        int b = fromBlock;
        for (; b + 1 < toBlock; b += 2) {
            IntVector a0 = IntVector.zero(I256);
            IntVector a1 = IntVector.zero(I256);
            int o = b * stride;
            for (int p = 0; p < stride; p += 32, o += 32) {
                ShortVector qa = ShortVector.fromArray(S16, qp, p);
                ShortVector qb = ShortVector.fromArray(S16, qp, p + 16);
                a0 = pairSum(a0, widen(codes, o).mul(qa).add(widen(codes, o + 16).mul(qb)));
                a1 = pairSum(a1, widen(codes, o + stride).mul(qa).add(widen(codes, o + stride + 16).mul(qb)));
            }
            int w = (b - fromBlock) * 8;
            a0.intoArray(out, w);
            a1.intoArray(out, w + 8);
        }
        for (; b < toBlock; b++) {
            IntVector a0 = IntVector.zero(I256);
            int o = b * stride;
            for (int p = 0; p < stride; p += 32, o += 32) {
                ShortVector qa = ShortVector.fromArray(S16, qp, p);
                ShortVector qb = ShortVector.fromArray(S16, qp, p + 16);
                a0 = pairSum(a0, widen(codes, o).mul(qa).add(widen(codes, o + 16).mul(qb)));
            }
            a0.intoArray(out, (b - fromBlock) * 8);
        }
    }

    private static ShortVector widen(byte[] codes, int offset) {
        return (ShortVector) ByteVector.fromArray(B128, codes, offset).convertShape(VectorOperators.B2S, S16, 0);
    }

    private static IntVector pairSum(IntVector acc, ShortVector products) {
        IntVector x = (IntVector) products.reinterpretShape(I256, 0);
        return acc.add(x.lanewise(VectorOperators.ASHR, 16))
                .add(x.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16));
    }

    @Override
    public int int8BlockTest(int[] acc, float sq, QuantizedCatalog.RowBounds rb, int fromBlock, int blockCount,
                             float q2, float d2, float h, float eta, float threshold, int[] passing) {
        if (!INT8_VECTOR) {
            return ScoringKernel.super.int8BlockTest(acc, sq, rb, fromBlock, blockCount, q2, d2, h, eta, threshold,
                    passing);
        }
        FloatVector sqv = FloatVector.broadcast(S256, sq);
        FloatVector etav = FloatVector.broadcast(S256, eta);
        FloatVector zero = FloatVector.zero(S256);
        int n = 0;
        for (int blk = 0; blk < blockCount; blk++) {
            int b = fromBlock + blk;
            float bb = (q2 * rb.blockW[b] + d2 * rb.blockM[b]) + h;
            FloatVector upper = ((FloatVector) IntVector.fromArray(I256, acc, blk * 8).convert(VectorOperators.I2F, 0))
                    .mul(sqv).mul(rb.blockScale[b]);
            upper = upper.max(zero).add(etav.mul(upper.abs()).add(bb));
            // no VectorMask here: on JDK 17 compare(...).toLong()/anyTrue() box the mask (~25 B per 8 rows).
            // MAX is exact and propagates NaN, so !(max < t) is true iff some lane may be a hit (or NaN).
            if (!(upper.reduceLanes(VectorOperators.MAX) < threshold)) {
                passing[n++] = b;
            }
        }
        return n;
    }

    @Override
    public int int8RowFilter(int[] acc, int accOffset, float sq, QuantizedCatalog.RowBounds rb, int block,
                             float q2, float d2, float h, float eta, float threshold, float[] approx, float[] bnd,
                             int[] hits) {
        if (!INT8_VECTOR) {
            return ScoringKernel.super.int8RowFilter(acc, accOffset, sq, rb, block, q2, d2, h, eta, threshold,
                    approx, bnd, hits);
        }
        int r = block * 8;
        FloatVector a = ((FloatVector) IntVector.fromArray(I256, acc, accOffset).convert(VectorOperators.I2F, 0))
                .mul(sq).mul(FloatVector.fromArray(S256, rb.scale, r));
        FloatVector bound = FloatVector.fromArray(S256, rb.w, r).mul(q2).add(FloatVector.fromArray(S256, rb.m, r).mul(d2))
                .add(h).add(a.abs().mul(eta));
        a.intoArray(approx, 0);
        bound.intoArray(bnd, 0);
        int n = 0;
        for (int j = 0; j < 8; j++) {
            if (!(approx[j] + bnd[j] < threshold)) {
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
