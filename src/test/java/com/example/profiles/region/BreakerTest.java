package com.example.profiles.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;


/** The breaker behind every replica call keeps MicroProfile Fault Tolerance's circuit-breaker rules. */
class BreakerTest {

    private final List<BreakerState> changes = new ArrayList<>();

    private Breaker breaker(long delayMillis) {
        return new Breaker(new Replica.BreakerSettings(4, 0.5, Duration.ofMillis(delayMillis), 2), changes::add);
    }

    private static void call(Breaker breaker, boolean success) {
        Breaker.Phase admitted = breaker.admit();
        assertThat(admitted).as("admitted").isNotNull();
        breaker.record(admitted, success);
    }

    @Test
    void opensOnlyOnceTheWindowIsFullAndFailingEnough() {
        Breaker breaker = breaker(60_000);
        call(breaker, false);
        call(breaker, false);
        call(breaker, true);
        assertThat(breaker.state()).as("window not full yet").isEqualTo(BreakerState.CLOSED);
        call(breaker, true);
        assertThat(breaker.state()).as("2 of 4 failed, ratio 0.5").isEqualTo(BreakerState.OPEN);
        assertThat(breaker.admit()).as("open: refused without a call").isNull();
        assertThat(changes).containsExactly(BreakerState.OPEN);
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        Breaker breaker = breaker(60_000);
        call(breaker, false);
        for (int i = 0; i < 10; i++) {
            call(breaker, true);
        }
        call(breaker, false);
        assertThat(breaker.state()).as("1 of the last 4 failed").isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void halfOpenAfterTheDelayThenClosedAfterEnoughProbes() throws InterruptedException {
        Breaker breaker = breaker(50);
        for (int i = 0; i < 4; i++) {
            call(breaker, false);
        }
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        Thread.sleep(120);
        Breaker.Phase first = breaker.admit();
        Breaker.Phase second = breaker.admit();
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        assertThat(breaker.admit()).as("only successThreshold probes at once").isNull();
        breaker.record(first, true);
        assertThat(breaker.state()).isEqualTo(BreakerState.HALF_OPEN);
        breaker.record(second, true);
        assertThat(breaker.state()).isEqualTo(BreakerState.CLOSED);
    }

    @Test
    void aFailedProbeOpensAgain() throws InterruptedException {
        Breaker breaker = breaker(50);
        for (int i = 0; i < 4; i++) {
            call(breaker, false);
        }
        Thread.sleep(120);
        call(breaker, false);
        assertThat(breaker.state()).isEqualTo(BreakerState.OPEN);
        assertThat(breaker.admit()).isNull();
    }

    @Test
    void theTimerMovesAnIdleOpenBreakerToHalfOpen() throws InterruptedException {
        Breaker breaker = breaker(50);
        for (int i = 0; i < 4; i++) {
            call(breaker, false);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (breaker.state() == BreakerState.OPEN && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertThat(breaker.state()).as("without any call").isEqualTo(BreakerState.HALF_OPEN);
    }
}
