package com.example.profiles.kernel;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.B2S;
import static jdk.incubator.vector.VectorOperators.LSHL;

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
 * order (a pairwise tree of constant shuffles) instead of {@code reduceLanes(ADD)}, whose association order
 * is unspecified.
 * {@link #dotRows} processes two rows per pass (the query chunk is loaded once for both rows) but keeps
 * each row's arithmetic exactly the same sequence as {@link #dot}, so results are bit-identical.
 */
final class VectorKernel implements ScoringKernel {

    /** The preferred species, capped at 16 lanes: the fixed lane-sum tree below is written for at most 16. */
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED.length() <= 16
            ? FloatVector.SPECIES_PREFERRED : FloatVector.SPECIES_512;
    private static final int L = S.length();
    private static final int L4 = 4 * L;
    private static final boolean FMA = CpuFeatures.fastFma();

    private static final VectorSpecies<Float> S256 = FloatVector.SPECIES_256;
    private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
    private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
    private static final VectorSpecies<Integer> I256 = IntVector.SPECIES_256;
    /** The blocked int8 scan needs 8 int/float lanes (one per row of a block) in hardware. */
    private static final boolean INT8_VECTOR = S.vectorBitSize() >= 256 && BLOCK == 8;

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

    /** Constant shuffles pairing lane j with lane j ^ d (a fixed reduction tree); null when d >= L. */
    private static final VectorShuffle<Float> X8 = xor(8);
    private static final VectorShuffle<Float> X4 = xor(4);
    private static final VectorShuffle<Float> X2 = xor(2);
    private static final VectorShuffle<Float> X1 = xor(1);

    private static VectorShuffle<Float> xor(int d) {
        return d < L ? VectorShuffle.fromOp(S, j -> j ^ d) : null;
    }

    /*
     * No helper method of ours takes or returns a vector. C2 inlines the Vector API's own methods even
     * past its node-count inlining cutoff (they are @ForceInline), but not ours: once a compilation unit
     * grows past the cutoff (for example after other dimensions or tails made every branch hot), a helper
     * such as a lane-sum or an fma step is called out of line and each vector crossing the call is boxed
     * on the heap, making the scan several times slower while every result stays correct. So every
     * vector expression below is written out in the method that needs it; the helpers that remain take
     * and return only primitives and arrays, so inlining them or not changes nothing.
     */

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        if (length < L) {
            return scalarTail(a, aOffset, b, bOffset, 0, length, 0f);
        }
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        FloatVector acc3 = FloatVector.zero(S);
        int i = 0;
        int up4 = length - length % L4;
        for (; i < up4; i += L4) {
            FloatVector x0 = FloatVector.fromArray(S, a, aOffset + i);
            FloatVector x1 = FloatVector.fromArray(S, a, aOffset + i + L);
            FloatVector x2 = FloatVector.fromArray(S, a, aOffset + i + 2 * L);
            FloatVector x3 = FloatVector.fromArray(S, a, aOffset + i + 3 * L);
            FloatVector y0 = FloatVector.fromArray(S, b, bOffset + i);
            FloatVector y1 = FloatVector.fromArray(S, b, bOffset + i + L);
            FloatVector y2 = FloatVector.fromArray(S, b, bOffset + i + 2 * L);
            FloatVector y3 = FloatVector.fromArray(S, b, bOffset + i + 3 * L);
            acc0 = FMA ? x0.fma(y0, acc0) : x0.mul(y0).add(acc0);
            acc1 = FMA ? x1.fma(y1, acc1) : x1.mul(y1).add(acc1);
            acc2 = FMA ? x2.fma(y2, acc2) : x2.mul(y2).add(acc2);
            acc3 = FMA ? x3.fma(y3, acc3) : x3.mul(y3).add(acc3);
        }
        int up1 = length - length % L;
        for (; i < up1; i += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, aOffset + i);
            FloatVector y0 = FloatVector.fromArray(S, b, bOffset + i);
            acc0 = FMA ? x0.fma(y0, acc0) : x0.mul(y0).add(acc0);
        }
        // fixed-order pairwise tree (lane j + lane j ^ d), see the class comment
        FloatVector s = acc0.add(acc1).add(acc2.add(acc3));
        if (L > 8) {
            s = s.add(s.rearrange(X8));
        }
        if (L > 4) {
            s = s.add(s.rearrange(X4));
        }
        if (L > 2) {
            s = s.add(s.rearrange(X2));
        }
        if (L > 1) {
            s = s.add(s.rearrange(X1));
        }
        float res = s.lane(0);
        return i < length ? scalarTail(a, aOffset, b, bOffset, i, length, res) : res;
    }

    /** {@code acc} plus the products of {@code [from, length)}, one rounding step per element in order. */
    private static float scalarTail(float[] a, int aOffset, float[] b, int bOffset, int from, int length, float acc) {
        for (int i = from; i < length; i++) {
            acc = FMA ? Math.fma(a[aOffset + i], b[bOffset + i], acc) : acc + a[aOffset + i] * b[bOffset + i];
        }
        return acc;
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
                    FloatVector x0 = FloatVector.fromArray(S, m, o0 + i);
                    FloatVector x1 = FloatVector.fromArray(S, m, o0 + i + L);
                    FloatVector x2 = FloatVector.fromArray(S, m, o0 + i + 2 * L);
                    FloatVector x3 = FloatVector.fromArray(S, m, o0 + i + 3 * L);
                    FloatVector y0 = FloatVector.fromArray(S, m, o1 + i);
                    FloatVector y1 = FloatVector.fromArray(S, m, o1 + i + L);
                    FloatVector y2 = FloatVector.fromArray(S, m, o1 + i + 2 * L);
                    FloatVector y3 = FloatVector.fromArray(S, m, o1 + i + 3 * L);
                    a0 = FMA ? x0.fma(q0, a0) : x0.mul(q0).add(a0);
                    b0 = FMA ? y0.fma(q0, b0) : y0.mul(q0).add(b0);
                    a1 = FMA ? x1.fma(q1, a1) : x1.mul(q1).add(a1);
                    b1 = FMA ? y1.fma(q1, b1) : y1.mul(q1).add(b1);
                    a2 = FMA ? x2.fma(q2, a2) : x2.mul(q2).add(a2);
                    b2 = FMA ? y2.fma(q2, b2) : y2.mul(q2).add(b2);
                    a3 = FMA ? x3.fma(q3, a3) : x3.mul(q3).add(a3);
                    b3 = FMA ? y3.fma(q3, b3) : y3.mul(q3).add(b3);
                }
                for (; i < up1; i += L) {
                    FloatVector q0 = FloatVector.fromArray(S, q, i);
                    FloatVector x0 = FloatVector.fromArray(S, m, o0 + i);
                    FloatVector y0 = FloatVector.fromArray(S, m, o1 + i);
                    a0 = FMA ? x0.fma(q0, a0) : x0.mul(q0).add(a0);
                    b0 = FMA ? y0.fma(q0, b0) : y0.mul(q0).add(b0);
                }
                // dot()'s lane-sum tree, on both rows
                FloatVector sa = a0.add(a1).add(a2.add(a3));
                FloatVector sb = b0.add(b1).add(b2.add(b3));
                if (L > 8) {
                    sa = sa.add(sa.rearrange(X8));
                    sb = sb.add(sb.rearrange(X8));
                }
                if (L > 4) {
                    sa = sa.add(sa.rearrange(X4));
                    sb = sb.add(sb.rearrange(X4));
                }
                if (L > 2) {
                    sa = sa.add(sa.rearrange(X2));
                    sb = sb.add(sb.rearrange(X2));
                }
                if (L > 1) {
                    sa = sa.add(sa.rearrange(X1));
                    sb = sb.add(sb.rearrange(X1));
                }
                float ra = sa.lane(0);
                float rb = sb.lane(0);
                if (i < dim) {
                    ra = scalarTail(m, o0, q, 0, i, dim, ra);
                    rb = scalarTail(m, o1, q, 0, i, dim, rb);
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
     * Each block's pair is written load, widen, multiply, add in that order: with the four loads first, JDK 17's
     * C2 scheduled the loop 1.4x slower (8.8 vs 6.4 ms per 1M x 64 query).
     */
    @Override
    public void int8DotBlocks(byte[] codes, int dp, short[] qp, int fromBlock, int toBlock, int[] out) {
        if (!INT8_VECTOR) {
            ScalarKernel.INSTANCE.int8DotBlocks(codes, dp, qp, fromBlock, toBlock, out);
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
                IntVector x = (IntVector) ((ShortVector) ByteVector.fromArray(B128, codes, o).convertShape(B2S, S16, 0))
                        .mul(qa)
                        .add(((ShortVector) ByteVector.fromArray(B128, codes, o + 16).convertShape(B2S, S16, 0)).mul(qb))
                        .reinterpretShape(I256, 0);
                a0 = a0.add(x.lanewise(ASHR, 16)).add(x.lanewise(LSHL, 16).lanewise(ASHR, 16));
                IntVector y = (IntVector) ((ShortVector) ByteVector.fromArray(B128, codes, o + stride).convertShape(B2S, S16, 0))
                        .mul(qa)
                        .add(((ShortVector) ByteVector.fromArray(B128, codes, o + stride + 16).convertShape(B2S, S16, 0))
                                .mul(qb))
                        .reinterpretShape(I256, 0);
                a1 = a1.add(y.lanewise(ASHR, 16)).add(y.lanewise(LSHL, 16).lanewise(ASHR, 16));
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
                IntVector x = (IntVector) ((ShortVector) ByteVector.fromArray(B128, codes, o).convertShape(B2S, S16, 0))
                        .mul(qa)
                        .add(((ShortVector) ByteVector.fromArray(B128, codes, o + 16).convertShape(B2S, S16, 0)).mul(qb))
                        .reinterpretShape(I256, 0);
                a0 = a0.add(x.lanewise(ASHR, 16)).add(x.lanewise(LSHL, 16).lanewise(ASHR, 16));
            }
            a0.intoArray(out, (b - fromBlock) * 8);
        }
    }

    @Override
    public int int8BlockTest(int[] acc, float sq, float[] blockScale, float[] blockW, float[] blockM, int fromBlock,
                             int blockCount, float q2, float d2, float h, float eta, float threshold, int[] passing) {
        if (!INT8_VECTOR) {
            return ScalarKernel.INSTANCE.int8BlockTest(acc, sq, blockScale, blockW, blockM, fromBlock, blockCount, q2,
                    d2, h, eta, threshold, passing);
        }
        FloatVector sqv = FloatVector.broadcast(S256, sq);
        FloatVector etav = FloatVector.broadcast(S256, eta);
        FloatVector zero = FloatVector.zero(S256);
        int n = 0;
        for (int blk = 0; blk < blockCount; blk++) {
            int b = fromBlock + blk;
            float bb = (q2 * blockW[b] + d2 * blockM[b]) + h;
            FloatVector upper = ((FloatVector) IntVector.fromArray(I256, acc, blk * 8).convert(VectorOperators.I2F, 0))
                    .mul(sqv).mul(blockScale[b]);
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
    public int int8RowFilter(int[] acc, int accOffset, float sq, float[] scale, float[] w, float[] m, int block,
                             float q2, float d2, float h, float eta, float threshold, float[] approx, float[] bnd,
                             int[] hits) {
        if (!INT8_VECTOR) {
            return ScalarKernel.INSTANCE.int8RowFilter(acc, accOffset, sq, scale, w, m, block, q2, d2, h, eta,
                    threshold, approx, bnd, hits);
        }
        int r = block * 8;
        FloatVector a = ((FloatVector) IntVector.fromArray(I256, acc, accOffset).convert(VectorOperators.I2F, 0))
                .mul(sq).mul(FloatVector.fromArray(S256, scale, r));
        FloatVector bound = FloatVector.fromArray(S256, w, r).mul(q2).add(FloatVector.fromArray(S256, m, r).mul(d2))
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
