package com.example.profiles.kernel;

class VectorInt8SearchTest extends Int8SearchTestCase {

    @Override
    ScoringKernel kernel() {
        return TestData.vector();
    }
}
