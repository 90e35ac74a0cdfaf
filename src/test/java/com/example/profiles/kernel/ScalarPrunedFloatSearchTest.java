package com.example.profiles.kernel;

class ScalarPrunedFloatSearchTest extends PrunedFloatSearchTestCase {

    @Override
    ScoringKernel kernel() {
        return ScalarKernel.INSTANCE;
    }
}
