package com.example.profiles.evaluation;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.startup.StartupOrder;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;

/** Stops start-up with one line when an {@code evaluation.*} setting cannot work. */
@ApplicationScoped
public class EvaluationSettingsCheck {

    private final EvaluationConfig config;

    public EvaluationSettingsCheck(EvaluationConfig config) {
        this.config = config;
    }

    void onStart(@Observes @Priority(StartupOrder.AUTH_CHECK) StartupEvent event) {
        check(config);
    }

    static void check(EvaluationConfig config) {
        within(config.maxUsers(), "evaluation.max-users", 10_000_000);
        within(config.maxK(), "evaluation.max-k", ExactSearch.MAX_K);
        within(config.lookups(), "evaluation.lookups", 256);
        within(config.scanSegments(), "evaluation.scan-segments", 64);
        within(config.scanPageItems(), "evaluation.scan-page-items", 1_000_000);
        within(config.keep(), "evaluation.keep", 10_000);
        if (!CpuShare.possible(config.cpuShare())) {
            throw new ConfigurationException("evaluation.cpu-share must lie in (0, 1] (of one core), not "
                    + config.cpuShare(), Set.of("evaluation.cpu-share"));
        }
    }

    private static void within(int value, String name, int max) {
        if (value < 1 || value > max) {
            throw new ConfigurationException(name + " must lie in 1.." + max + ", not " + value, Set.of(name));
        }
    }
}
