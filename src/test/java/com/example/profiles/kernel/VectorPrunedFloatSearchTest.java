package com.example.profiles.kernel;

class VectorPrunedFloatSearchTest extends PrunedFloatSearchTestCase {

    @Override
    ScoringKernel kernel() {
        return TestData.vector();
    }
}
