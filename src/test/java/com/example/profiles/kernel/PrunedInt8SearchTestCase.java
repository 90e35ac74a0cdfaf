package com.example.profiles.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Every int8 search case of {@link Int8SearchTestCase} that compares answers, answered by {@link PrunedSearch}
 * over the int8 codes of a clustered layout of the test catalog ({@link ClusteredFixture}) and mapped back: the
 * answer must equal the float32 brute force on the id-ordered catalog, bit for bit. Each query runs with pruning
 * forced and through the planner; both must agree. The cases about {@link Int8Search}'s own machinery (its
 * fallback, batches, the kernel's int8 primitives, deliberately loosened bounds) are not repeated.
 */
abstract class PrunedInt8SearchTestCase extends Int8SearchTestCase {

    @Override
    List<TopKOutcome> int8Batch(QuantizedCatalog qc, List<TopKQuery> queries, int parallelism, ExecutorService pool,
                                int minRowsPerTask) {
        ClusteredFixture f = ClusteredFixture.of(qc, kernel);
        RowChunks chunks = new RowChunks(parallelism, pool, minRowsPerTask > 0 ? minRowsPerTask : RowChunks.MIN_ROWS_PER_TASK);
        List<TopKOutcome> out = new ArrayList<>();
        for (TopKQuery q : queries) {
            TopKQuery onLayout = f.toLayout(q);
            TopKOutcome forced = new PrunedSearch(kernel, chunks, true).search(f.index, f.quantized(), onLayout);
            TopKOutcome planned = new PrunedSearch(kernel, chunks, false).search(f.index, f.quantized(), onLayout);
            assertEquals(forced.result(), planned.result(), "the planner's choice must not change the answer");
            out.add(f.toSource(forced));
        }
        return out;
    }

    // Int8Search's own machinery and the kernel's int8 primitives: covered by the plain subclasses.

    @Override
    void gaussianCatalogPrunesToFewCandidates() {
    }

    @Override
    void allTiesFallBackToFloat32AndStayExact() {
    }

    @Override
    void batchGivesEachQueryItsOwnResult() {
    }

    @Override
    void tooTightBoundSelectsTheWrongAnswer() {
    }

    @Override
    void boundWithoutQueryQuantisationTermSelectsTheWrongAnswer() {
    }

    @Override
    void integerScanMatchesNaiveReference() {
    }

    @Override
    void blockTestNeverDropsABlockWithAHit() {
    }

    @Override
    void extremeCodesDoNotOverflowTheAccumulators() {
    }

    @Override
    void boundWithoutRoundingAllowanceFailsOnFloatNearTies() {
    }

    @Override
    void kOutOfRangeIsRefused() {
    }
}
