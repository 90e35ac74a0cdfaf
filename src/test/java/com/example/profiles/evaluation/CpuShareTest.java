package com.example.profiles.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuShareTest {

    private static final long MS = 1_000_000L;

    @Test
    void aFullShareNeverPauses() {
        CpuShare share = new CpuShare(1.0);
        long t = 0;
        for (int i = 0; i < 1000; i++) {
            assertThat(share.worked(t, t + 5 * MS)).isZero();
            t += 5 * MS;
        }
    }

    @Test
    void backToBackWorkIsPacedToTheShareOverAnyLongerWindow() {
        CpuShare share = new CpuShare(0.25);
        long now = 0;
        long busy = 0;
        for (int i = 0; i < 10_000; i++) {
            long work = (i % 7 + 1) * 100_000L; // 0.1 .. 0.7 ms units
            long end = now + work;
            busy += work;
            now = end + share.worked(now, end);
        }
        // busy / elapsed is the share, up to the one deferred pause below the minimum
        assertThat((double) busy / now).isBetween(0.249, 0.2501);
    }

    @Test
    void waitingBetweenUnitsPaysThePauseButBuysNoBurst() {
        CpuShare share = new CpuShare(0.5);
        // 10 ms of work owes 10 ms; a 30 ms wait for a store read before the next unit pays it, with no credit left
        assertThat(share.worked(0, 10 * MS)).isEqualTo(10 * MS);
        assertThat(share.worked(50 * MS, 60 * MS)).isEqualTo(10 * MS);
        // the 30 ms idle above bought nothing: the next unit right after the pause owes its own full pause
        assertThat(share.worked(70 * MS, 80 * MS)).isEqualTo(10 * MS);
    }

    @Test
    void smallDebtsAccumulateIntoOnePause() {
        CpuShare share = new CpuShare(0.5);
        assertThat(share.worked(0, MS)).isZero();
        assertThat(share.worked(MS, 2 * MS)).isEqualTo(2 * MS);
    }

    @Test
    void aWaitPaysPartOfADeferredDebt() {
        CpuShare share = new CpuShare(0.5);
        assertThat(share.worked(0, MS)).isZero();
        // half a millisecond of waiting pays half of the deferred millisecond
        assertThat(share.worked(3 * MS / 2, 5 * MS / 2)).isZero();
        assertThat(share.worked(5 * MS / 2, 7 * MS / 2)).isEqualTo(5 * MS / 2);
    }

    @Test
    void aShareOutsideZeroToOneIsRefused() {
        assertThatThrownBy(() -> new CpuShare(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CpuShare(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
