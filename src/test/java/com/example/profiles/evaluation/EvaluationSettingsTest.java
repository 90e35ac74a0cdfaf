package com.example.profiles.evaluation;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.ConfigurationException;

/** A setting that cannot work stops start-up with one line naming it. */
class EvaluationSettingsTest {

    record Settings(int maxUsers, int maxK, int lookups, int scanSegments, int keep) implements EvaluationConfig {
    }

    @Test
    void theDefaultsPassAndEachImpossibleValueIsNamed() {
        assertThatCode(() -> EvaluationSettingsCheck.check(new Settings(100_000, 100, 8, 4, 50))).doesNotThrowAnyException();
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(0, 100, 8, 4, 50)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("evaluation.max-users");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 1001, 8, 4, 50)))
                .hasMessageContaining("evaluation.max-k must lie in 1..1000, not 1001");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 0, 4, 50)))
                .hasMessageContaining("evaluation.lookups");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 8, 65, 50)))
                .hasMessageContaining("evaluation.scan-segments");
        assertThatThrownBy(() -> EvaluationSettingsCheck.check(new Settings(10, 10, 8, 4, 0)))
                .hasMessageContaining("evaluation.keep");
    }
}
