package com.example.profiles.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/**
 * What keeps dev mode's first screen free of errors and questions (checked by hand at start; the
 * build cannot run dev mode): no Dev Service probes for Docker, which this project never needs, and
 * the Quarkus analytics prompt, which held each dev start for 10 s, is answered once for everyone.
 */
class DevModeFirstScreenTest {

    @Test
    void devServicesAreOffAndTheAnalyticsPromptIsAnswered() throws Exception {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("src", "main", "resources", "application.properties"))) {
            properties.load(in);
        }
        assertThat(properties.getProperty("%dev.quarkus.devservices.enabled")).isEqualTo("false");
        assertThat(properties.getProperty("quarkus.dynamodb.devservices.enabled")).isEqualTo("false");
        assertThat(Files.readAllLines(Path.of(".mvn", "maven.config")))
                .as(".mvn/maven.config").contains("-Dquarkus.analytics.disabled=true");
    }
}
