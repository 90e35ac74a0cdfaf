package com.example.profiles.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The feature-history table (env {@code FEATURE_HISTORY_TABLE}). */
@ConfigMapping(prefix = "feature-history")
public interface FeatureHistoryConfig {

    /** DynamoDB table of past feature vectors (key {@code user_id} + {@code valid_from}). */
    @WithDefault("UserFeatureHistory")
    String table();
}
