package com.example.profiles.kernel;

class VectorPrunedInt8SearchTest extends PrunedInt8SearchTestCase {

    @Override
    ScoringKernel kernel() {
        return TestData.vector();
    }
}
