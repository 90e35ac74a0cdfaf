package com.example.profiles.kernel;

class ScalarInt8SearchTest extends Int8SearchTestCase {

    @Override
    ScoringKernel kernel() {
        return ScalarKernel.INSTANCE;
    }
}
