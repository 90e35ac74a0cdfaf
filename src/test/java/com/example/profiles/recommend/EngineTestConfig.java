package com.example.profiles.recommend;

import java.util.Optional;

import com.example.profiles.config.RecommendConfig;

/** The settings a {@link ScoringEngine} built outside Quarkus reads: two scan threads, int8 batches of 8. */
final class EngineTestConfig {

    private EngineTestConfig() {
    }

    static RecommendConfig of(RecommendConfig.PrecisionPreference precision) {
        return new RecommendConfig() {
            @Override
            public String itemsTable() {
                return "Items";
            }

            @Override
            public KernelPreference kernel() {
                return KernelPreference.AUTO;
            }

            @Override
            public PrecisionPreference precision() {
                return precision;
            }

            @Override
            public Optional<Integer> parallelism() {
                return Optional.of(2);
            }

            @Override
            public int batchSize() {
                return 8;
            }

            @Override
            public Demo demo() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
