package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The catalog's settings keep their documented defaults and refuse what cannot work, naming the key. */
class CatalogConfigTest {

    @Test
    void facetsDefaultToTheShopsAttributesAndRefuseNamesAFilterCannotSpell() {
        assertThat(load(Map.of()).facets()).containsExactly("language", "format", "genres", "series",
                "in_stock", "price", "popularity", "published_year");
        assertThat(load(Map.of("recommend.catalog.facets", "language, shelf")).facets())
                .containsExactly("language", "shelf");
        Throwable failure = catchThrowable(() -> load(Map.of("recommend.catalog.facets", "language,shelf no")).facets());
        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("recommend.catalog.facets").contains("shelf no");
    }

    private static CatalogConfig load(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(CatalogConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return config.getConfigMapping(CatalogConfig.class);
    }
}
