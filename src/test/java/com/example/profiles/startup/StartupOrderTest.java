package com.example.profiles.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;


/** Each start-up step runs after the ones it needs. */
class StartupOrderTest {

    @Test
    void stepsRunAfterWhatTheyNeed() {
        assertThat(StartupOrder.LOCAL_ENGINE).isLessThan(StartupOrder.TABLES);
        assertThat(StartupOrder.DEV_KEYS).isLessThan(StartupOrder.AUTH_CHECK);
        assertThat(StartupOrder.TABLES).isLessThan(StartupOrder.DEMO_DATA);
        assertThat(StartupOrder.DEMO_DATA).isLessThan(StartupOrder.CATALOG);
    }
}
