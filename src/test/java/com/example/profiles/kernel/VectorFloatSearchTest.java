package com.example.profiles.kernel;

class VectorFloatSearchTest extends FloatSearchTestCase {

    @Override
    ScoringKernel kernel() {
        return TestData.vector();
    }
}
