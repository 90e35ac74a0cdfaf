package com.example.profiles.recommend;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.kernel.KernelChoice;
import com.example.profiles.kernel.Kernels;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Chooses the scoring kernel once per pod ({@code recommend.kernel}) and exposes the choice as
 * {@code recommend_kernel_info{kernel="..."} 1} and one log line from start-up on.
 */
@ApplicationScoped
public class KernelChoiceProducer {

    private static final Logger LOG = Logger.getLogger(KernelChoiceProducer.class);

    @Produces
    @Singleton
    KernelChoice kernelChoice(RecommendConfig config) {
        return Kernels.select(config.kernel().label());
    }

    void announce(@Observes StartupEvent event, MeterRegistry registry, KernelChoice choice) {
        LOG.infof("scoring kernel: %s (%s)", choice.kernel().name(), choice.reason());
        Gauge.builder("recommend.kernel.info", () -> 1)
                .description("The scoring kernel chosen at start (value always 1)")
                .tag("kernel", choice.kernel().name())
                .strongReference(true).register(registry);
    }
}
