package com.example.profiles.kernel;

class ScalarPrunedInt8SearchTest extends PrunedInt8SearchTestCase {

    @Override
    ScoringKernel kernel() {
        return ScalarKernel.INSTANCE;
    }
}
