package com.example.profiles.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.profiles.config.RecommendConfig.KernelPreference;
import com.example.profiles.config.RecommendConfig.PrecisionPreference;
import com.example.profiles.kernel.Precision;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * The kernel and precision settings accept exactly the documented values, in the spellings of
 * application.properties and of the environment; anything else stops the start with the key named.
 */
class RecommendConfigTest {

    @Test
    void defaultsAreAuto() {
        RecommendConfig config = load(Map.of());
        assertThat(config.kernel()).isEqualTo(KernelPreference.AUTO);
        assertThat(config.precision()).isEqualTo(PrecisionPreference.AUTO);
    }

    @Test
    void documentedValuesAreRead() {
        RecommendConfig config = load(Map.of("recommend.kernel", "scalar", "recommend.precision", "float32"));
        assertThat(config.kernel()).isEqualTo(KernelPreference.SCALAR);
        assertThat(config.kernel().label()).isEqualTo("scalar");
        assertThat(config.precision()).isEqualTo(PrecisionPreference.FLOAT32);
        assertThat(load(Map.of("recommend.kernel", "vector", "recommend.precision", "int8")).precision())
                .isEqualTo(PrecisionPreference.INT8);
    }

    @Test
    void environmentVariablesKeepTheirNames() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RecommendConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new EnvConfigSource(Map.of("RECOMMEND_KERNEL", "vector", "RECOMMEND_PRECISION", "int8"), 300) {
                })
                .build();
        RecommendConfig mapped = config.getConfigMapping(RecommendConfig.class);
        assertThat(mapped.kernel()).isEqualTo(KernelPreference.VECTOR);
        assertThat(mapped.precision()).isEqualTo(PrecisionPreference.INT8);
    }

    @Test
    void autoPrecisionScansInt8FromFiveThousandRows() {
        assertThat(PrecisionPreference.AUTO.resolve(4_999)).isEqualTo(Precision.FLOAT32);
        assertThat(PrecisionPreference.AUTO.resolve(5_000)).isEqualTo(Precision.INT8);
        assertThat(PrecisionPreference.AUTO.resolve(1_000_000)).isEqualTo(Precision.INT8);
        assertThat(PrecisionPreference.FLOAT32.resolve(1_000_000)).isEqualTo(Precision.FLOAT32);
        assertThat(PrecisionPreference.INT8.resolve(10)).isEqualTo(Precision.INT8);
    }

    @Test
    void aTypoInTheKernelStopsTheStart() {
        Throwable failure = catchThrowable(() -> load(Map.of("recommend.kernel", "vectr")));
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("recommend.kernel").contains("vectr").doesNotContain("refresh");
    }

    @Test
    void aTypoInThePrecisionStopsTheStart() {
        Throwable failure = catchThrowable(() -> load(Map.of("recommend.precision", "int-8")));
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("recommend.precision").contains("int-8");
    }

    private static RecommendConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RecommendConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(RecommendConfig.class);
    }
}
