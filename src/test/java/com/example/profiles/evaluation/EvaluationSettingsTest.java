package com.example.profiles.evaluation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/** A setting that cannot work stops start-up with one line naming it. */
class EvaluationSettingsTest {

    record Settings(int maxUsers, int maxK, double cpuShare, int lookups, int scanSegments, int scanPageItems, int keep) implements EvaluationConfig {
    }

    @Test
    void theDefaultsPassAndEachImpossibleValueIsNamed() {
        assertThatCode(() -> EvaluationSettingsCheck.check(new Settings(100_000, 100, 0.5, 8, 1, 1000, 50))).doesNotThrowAnyException();
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(0, 100, 0.5, 8, 4, 1000, 50)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("evaluation.max-users");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 1001, 0.5, 8, 4, 1000, 50)))
                .hasMessageContaining("evaluation.max-k must lie in 1..1000, not 1001");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0.5, 0, 4, 1000, 50)))
                .hasMessageContaining("evaluation.lookups");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0.5, 8, 65, 1000, 50)))
                .hasMessageContaining("evaluation.scan-segments");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0, 8, 1, 1000, 50)))
                .hasMessageContaining("evaluation.cpu-share must lie in (0, 1] (of one core), not 0.0");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 1.5, 8, 1, 1000, 50)))
                .hasMessageContaining("evaluation.cpu-share");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0.5, 8, 1, 0, 50)))
                .hasMessageContaining("evaluation.scan-page-items must lie in 1..1000000, not 0");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0.5, 8, 4, 1000, 0)))
                .hasMessageContaining("evaluation.keep");
    }
}
