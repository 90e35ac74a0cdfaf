package com.example.profiles.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.IntPredicate;

/**
 * Exact top-k over a {@link QuantizedCatalog} in three phases.
 * <ol>
 *   <li><b>Scan</b>: the query is quantised too (per-query scale {@code s_q = max|q'_i| / 127}, codes
 *       {@code cq_i}); the exact integer dot products of the codes ({@link ScoringKernel#int8DotBlocks},
 *       Vector API: byte-&gt;short widening, short multiplies, pairwise sums into int lanes) give
 *       {@code a_r = s_q * scale_r * intdot_r} and a rigorous bound {@code b_r} with
 *       {@code |exact_r - a_r| <= b_r} that includes the query's quantisation residual {@code D2}
 *       (see {@link QuantizedCatalog}, {@link QueryPlan} and docs/int8-bound.md). A block test on per-block maxima
 *       ({@link ScoringKernel#int8BlockTest}) drops most blocks of 8 rows before any per-row float is read.</li>
 *   <li><b>Prune</b>: {@code T} = k-th largest lower bound {@code a_r - b_r} among non-excluded rows;
 *       candidates are the rows with {@code a_r + b_r >= T}. Any other row has an exact score strictly below
 *       k rows' exact scores, so it cannot be in the top-k (ties included).</li>
 *   <li><b>Rescore</b>: candidates are scored with the same float32 kernel arithmetic and the same
 *       {@link Scores} formula as {@link ExactSearch}, and the top-k is selected with the same tie rule, so
 *       the result (rows, order, float bits) is identical to {@link ExactSearch}.</li>
 * </ol>
 * If the candidate set grows beyond {@code max(4096, 16k, rows / 32)} (adversarial data: many equal rows or ties near
 * the k-th score), or the cosine query is zero, it falls back to the float32 scan and reports it.
 * Stateless once built: one instance per kernel and pool serves every query.
 * With {@code parallelism > 1}, contiguous block-aligned chunks are scanned by separate tasks; the global
 * threshold is the k-th largest lower bound of the union, so the candidate set (and result) is identical
 * to the single-threaded one.
 */
public final class Int8Search {

    static final int CHUNK_BLOCKS = 64;

    private final ScoringKernel kernel;
    private final RowChunks chunks;
    private final ExactSearch exact;

    /**
     * @param pool executor for the chunks; may be null (the chunks then run in the calling thread, same result)
     * @throws IllegalArgumentException if the kernel is null or parallelism < 1
     */
    public Int8Search(ScoringKernel kernel, int parallelism, ExecutorService pool) {
        this(kernel, new RowChunks(parallelism, pool, RowChunks.MIN_ROWS_PER_TASK));
    }

    Int8Search(ScoringKernel kernel, RowChunks chunks) {
        this.exact = new ExactSearch(kernel, chunks);
        this.kernel = kernel;
        this.chunks = chunks;
    }

    public TopKOutcome topK(QuantizedCatalog qc, float[] query, Metric metric, int k, IntPredicate excludedRow) {
        return topKBatch(qc, List.of(new TopKQuery(query, metric, k, excludedRow))).get(0);
    }

    /** Throws {@link IllegalArgumentException} if {@link #topK} would refuse this query. */
    public void validate(QuantizedCatalog qc, TopKQuery q) {
        ExactSearch.validate(qc.matrix(), q.query(), q.metric(), q.k());
    }

    /**
     * Several queries in one pass over the codes: each chunk of codes is read from memory once and scored for
     * every query while it is in cache, so a batch costs far less than its queries one by one once the scan
     * is limited by memory bandwidth. Each query's result (rows, scores, candidate count, fallback) is
     * identical to {@link #topK} for that query alone: every query meets the chunks in the same order with
     * its own codes, bounds, threshold and candidates.
     *
     * @throws IllegalArgumentException if any query is invalid (see {@link #validate}); check them first
     *         when one bad query must not fail the others
     */
    public List<TopKOutcome> topKBatch(QuantizedCatalog qc, List<TopKQuery> queries) {
        for (TopKQuery q : queries) {
            validate(qc, q);
        }
        CatalogMatrix m = qc.matrix();
        TopKOutcome[] results = new TopKOutcome[queries.size()];
        List<QueryPlan> plans = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            TopKQuery q = queries.get(i);
            if (ScanStrategy.choose(q.mask(), m.rows(), true) == ScanStrategy.GATHER) {
                results[i] = exact.gather(m, q); // few rows pass the mask: score just those
                continue;
            }
            QueryPlan plan = QueryPlan.of(qc, q, i);
            if (plan.fallbackReason != null) {
                results[i] = fallback(m, q, plan.fallbackReason);
            } else {
                plans.add(plan);
            }
        }
        if (!plans.isEmpty()) {
            List<Candidates[]> parts = chunks.run(m.rows(), ScoringKernel.BLOCK, (from, to) -> scan(qc, plans, from, to));
            for (int j = 0; j < plans.size(); j++) {
                QueryPlan plan = plans.get(j);
                Candidates[] mine = new Candidates[parts.size()];
                for (int t = 0; t < mine.length; t++) {
                    mine[t] = parts.get(t)[j];
                }
                results[plan.index] = finish(m, plan, mine);
            }
        }
        return List.of(results);
    }

    /** Prune with the global threshold and rescore the candidates of one query. */
    private TopKOutcome finish(CatalogMatrix m, QueryPlan plan, Candidates[] parts) {
        TopKQuery q = plan.query;
        // global threshold: k-th largest lower bound of the union of the per-task top-k lower bounds
        LowerBounds global = new LowerBounds(q.k());
        for (Candidates p : parts) {
            if (p.overflow) {
                return fallback(m, q, "candidate set exceeded " + plan.cap);
            }
            for (int i = 0; i < p.lower.size; i++) {
                global.offer(p.lower.heap[i]);
            }
        }
        float t = global.threshold();
        int count = 0;
        for (Candidates p : parts) {
            for (int i = 0; i < p.count; i++) {
                if (!(p.upper[i] < t)) {
                    count++;
                }
            }
        }
        if (count > plan.cap) {
            // same words as a per-task overflow: the result does not depend on the split
            return fallback(m, q, "candidate set exceeded " + plan.cap);
        }
        TopK top = new TopK(q.k(), m.tieRanks());
        for (Candidates p : parts) {
            for (int i = 0; i < p.count; i++) {
                if (!(p.upper[i] < t)) {
                    int r = p.rows[i];
                    float s = Scores.score(kernel, m, r, q.query(), plan.qNorm, q.metric());
                    if (top.accepts(s, r)) {
                        top.insert(s, r);
                    }
                }
            }
        }
        return new TopKOutcome(top.toResult(), count, false, null, ScanStrategy.FULL, m.rows(), 0);
    }

    private TopKOutcome fallback(CatalogMatrix m, TopKQuery q, String why) {
        TopKOutcome exactOutcome = exact.search(m, q);
        return new TopKOutcome(exactOutcome.result(), exactOutcome.candidates(), true, why, exactOutcome.scan(),
                exactOutcome.scanned(), 0);
    }

    /** Phase 1 over rows {@code [from, to)} for every planned query; chunk by chunk, query by query. */
    private Candidates[] scan(QuantizedCatalog qc, List<QueryPlan> plans, int from, int to) {
        final int B = ScoringKernel.BLOCK;
        int fromBlock = from / B;
        int toBlock = (to + B - 1) / B;
        int[] dots = new int[CHUNK_BLOCKS * B];
        int[] passing = new int[CHUNK_BLOCKS];
        float[] approx = new float[B];
        float[] bnd = new float[B];
        int[] hits = new int[B];
        Candidates[] ps = new Candidates[plans.size()];
        for (int j = 0; j < ps.length; j++) {
            ps[j] = new Candidates(plans.get(j).query.k(), Math.min(Candidates.INITIAL_CAPACITY, Math.max(64, to - from)));
        }
        int scanning = ps.length;
        for (int b0 = fromBlock; b0 < toBlock && scanning > 0; b0 += CHUNK_BLOCKS) {
            int b1 = Math.min(toBlock, b0 + CHUNK_BLOCKS);
            for (int j = 0; j < ps.length; j++) {
                Candidates p = ps[j];
                if (p.overflow) {
                    continue; // this query falls back to float32; the others go on
                }
                QueryPlan plan = plans.get(j);
                QuantizedCatalog.RowBounds rb = qc.bounds(plan.query.metric());
                IntPredicate excluded = plan.query.skipped();
                QueryCodes qcodes = plan.codes;
                kernel.int8DotBlocks(qc.codes(), qc.paddedDim(), qcodes.pairs, b0, b1, dots);
                int passed = kernel.int8BlockTest(dots, qcodes.scale, rb.blockScale, rb.blockW, rb.blockM, b0, b1 - b0,
                        plan.q2, plan.d2, plan.h, plan.eta, p.threshold(), passing);
                rows:
                for (int x = 0; x < passed; x++) {
                    int b = passing[x];
                    int n = kernel.int8RowFilter(dots, (b - b0) * B, qcodes.scale, rb.scale, rb.w, rb.m, b, plan.q2,
                            plan.d2, plan.h, plan.eta, p.threshold(), approx, bnd, hits);
                    for (int y = 0; y < n; y++) {
                        int r = b * B + hits[y];
                        if (r < from || r >= to || (excluded != null && excluded.test(r))) {
                            continue; // padding rows of the last block, excluded rows
                        }
                        if (!p.add(r, approx[hits[y]], bnd[hits[y]], plan.cap)) {
                            scanning--;
                            break rows;
                        }
                    }
                }
            }
        }
        return ps;
    }
}
