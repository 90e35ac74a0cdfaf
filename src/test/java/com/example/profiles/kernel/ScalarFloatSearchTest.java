package com.example.profiles.kernel;

class ScalarFloatSearchTest extends FloatSearchTestCase {

    @Override
    ScoringKernel kernel() {
        return ScalarKernel.INSTANCE;
    }
}
