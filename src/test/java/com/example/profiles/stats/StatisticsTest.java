package com.example.profiles.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The report's statistics against references derived independently here (the normal tail by numerical
 * integration, the Wilson bounds by bisection on the score test, the revenue mean and variance by brute force over
 * every answer), and their behaviour on seeded draws: no difference planted, few false alarms; a real difference
 * planted, found; intervals that cover the planted truth about 95% of the time.
 */
class StatisticsTest {

    private static final double Z = 1.959963984540054;

    /** P(|Z| >= z) by Simpson's rule over the density from z to z + 40 (the rest is below any double). */
    static double tailReference(double z) {
        double a = Math.abs(z);
        double b = a + 40;
        int n = 400_000;
        double h = (b - a) / n;
        double sum = density(a) + density(b);
        for (int i = 1; i < n; i++) {
            sum += density(a + i * h) * (i % 2 == 0 ? 2 : 4);
        }
        return 2 * sum * h / 3;
    }

    private static double density(double x) {
        return Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
    }

    @Test
    void theNormalTailMatchesNumericalIntegrationAndKnownValues() {
        for (double z : new double[] { 0, 0.1, 0.5, 1, 1.5, 1.959963984540054, 2.5, 2.9, 3, 3.1, 4, 5, 6, 8 }) {
            double expected = tailReference(z);
            assertThat(Normal.twoSided(z)).as("z=%s", z).isCloseTo(expected, within(expected * 1e-9 + 1e-15));
            assertThat(Normal.twoSided(-z)).isEqualTo(Normal.twoSided(z));
        }
        assertThat(Normal.twoSided(Z)).isCloseTo(0.05, within(1e-12));
        assertThat(Normal.twoSided(3)).isCloseTo(0.0026997960632601866, within(1e-15));
        assertThat(Normal.twoSided(Double.NaN)).isEqualTo(1);
        assertThat(Normal.twoSided(40)).isZero();
    }

    /** The Wilson interval is every p whose score test does not reject p-hat: found here by bisection. */
    @Test
    void wilsonBoundsAreWhereTheScoreTestStartsToReject() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            long n = 1 + random.nextLong(50_000);
            long x = trial % 10 == 0 ? 0 : trial % 10 == 1 ? n : random.nextLong(n + 1);
            Interval wilson = Proportions.wilson(x, n);
            double p = (double) x / n;
            assertThat(wilson.value()).isEqualTo(p);
            assertThat(wilson.low()).as("x=%d n=%d", x, n).isCloseTo(scoreBound(x, n, 0, p), within(1e-9));
            assertThat(wilson.high()).as("x=%d n=%d", x, n).isCloseTo(scoreBound(x, n, 1, p), within(1e-9));
        }
        assertThat(Proportions.wilson(0, 0).value()).isNaN();
    }

    /** The p between {@code outside} and p-hat where |p-hat - p| = z * sqrt(p (1 - p) / n). */
    private static double scoreBound(long x, long n, double outside, double pHat) {
        double in = pHat;
        double out = outside;
        if (pHat == outside) {
            return pHat;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (in + out) / 2;
            boolean rejects = Math.abs(pHat - mid) > Z * Math.sqrt(mid * (1 - mid) / n);
            if (rejects) {
                out = mid;
            } else {
                in = mid;
            }
        }
        return (in + out) / 2;
    }

    @Test
    void theTwoProportionTestAndTheLiftIntervalFollowTheirFormulas() {
        long xA = 1000;
        long nA = 20_000;
        long xB = 1300;
        long nB = 20_000;
        Lift lift = Proportions.lift(xA, nA, xB, nB);
        double pooled = (xA + xB) / (double) (nA + nB);
        double z = (xB / (double) nB - xA / (double) nA) / Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        assertThat(lift.value()).isCloseTo(0.3, within(1e-12));
        assertThat(lift.pValue()).isCloseTo(tailReference(z), within(1e-12));
        double seLog = Math.sqrt(1.0 / xB - 1.0 / nB + 1.0 / xA - 1.0 / nA);
        assertThat(lift.low()).isCloseTo(1.3 * Math.exp(-Z * seLog) - 1, within(1e-12));
        assertThat(lift.high()).isCloseTo(1.3 * Math.exp(Z * seLog) - 1, within(1e-12));

        Lift none = Proportions.lift(0, 100, 5, 100);
        assertThat(none.value()).isNaN();
        assertThat(none.low()).isNaN();
        assertThat(none.pValue()).isBetween(0.0, 0.1);
        assertThat(Proportions.lift(0, 100, 0, 100).pValue()).isEqualTo(1);
    }

    /** With no difference planted, a test at the 5% level says "different" in about 5 runs of 100, never in 10. */
    @Test
    void aPlantedZeroLiftGivesPAboveFivePercentInAtLeastNinetyOfAHundredSeededRuns() {
        int quiet = 0;
        int quietRevenue = 0;
        for (int seed = 1; seed <= 100; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Arm a = Arm.draw(random, 20_000, 0.05, 25);
            Arm b = Arm.draw(random, 20_000, 0.05, 25);
            if (Proportions.lift(a.conversions, a.n, b.conversions, b.n).pValue() > 0.05) {
                quiet++;
            }
            if (Means.lift(a.revenue(), b.revenue()).pValue() > 0.05) {
                quietRevenue++;
            }
        }
        assertThat(quiet).as("runs of 100 without a false alarm (conversion)").isGreaterThanOrEqualTo(90);
        assertThat(quietRevenue).as("runs of 100 without a false alarm (revenue per answer)").isGreaterThanOrEqualTo(90);
    }

    /** The same test finds a planted 5% -> 6.5% conversion (and its revenue) in nearly every run. */
    @Test
    void aPlantedLiftIsFound() {
        int found = 0;
        int foundRevenue = 0;
        int covered = 0;
        for (int seed = 1; seed <= 100; seed++) {
            SplittableRandom random = new SplittableRandom(1000 + seed);
            Arm a = Arm.draw(random, 20_000, 0.05, 25);
            Arm b = Arm.draw(random, 20_000, 0.065, 25);
            Lift lift = Proportions.lift(a.conversions, a.n, b.conversions, b.n);
            if (lift.pValue() < 0.05) {
                found++;
            }
            if (lift.low() <= 0.3 && 0.3 <= lift.high()) {
                covered++;
            }
            if (Means.lift(a.revenue(), b.revenue()).pValue() < 0.05) {
                foundRevenue++;
            }
        }
        assertThat(found).isGreaterThanOrEqualTo(95);
        assertThat(foundRevenue).isGreaterThanOrEqualTo(90);
        assertThat(covered).as("lift intervals covering the planted +30%").isBetween(88, 100);
    }

    /** Intervals of rates and of revenue per answer hold the planted truth about 95% of the time. */
    @Test
    void intervalsCoverThePlantedTruthAboutNinetyFivePercentOfTheTime() {
        int rates = 0;
        int revenue = 0;
        int runs = 1000;
        for (int seed = 0; seed < runs; seed++) {
            SplittableRandom random = new SplittableRandom(50_000 + seed);
            Arm arm = Arm.draw(random, 2_000, 0.05, 25);
            Interval rate = Proportions.wilson(arm.conversions, arm.n);
            if (rate.low() <= 0.05 && 0.05 <= rate.high()) {
                rates++;
            }
            Interval perAnswer = Means.interval(arm.revenue());
            if (perAnswer.low() <= 0.05 * 25 && 0.05 * 25 <= perAnswer.high()) {
                revenue++;
            }
        }
        assertThat(rates / (double) runs).isBetween(0.93, 0.97);
        assertThat(revenue / (double) runs).isBetween(0.92, 0.97);
    }

    /** Revenue per answer from the counters' sums equals the brute-force mean and standard error over every answer. */
    @Test
    void revenuePerAnswerFromSumsEqualsTheBruteForceOverEveryAnswer() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 5_000;
        double[] perAnswer = new double[n];
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.07) {
                perAnswer[i] = 5 + random.nextDouble() * 40;
                sum += perAnswer[i];
                squares += perAnswer[i] * perAnswer[i];
            }
        }
        double mean = 0;
        for (double v : perAnswer) {
            mean += v / n;
        }
        double variance = 0;
        for (double v : perAnswer) {
            variance += (v - mean) * (v - mean) / (n - 1);
        }
        Means.Estimate estimate = Means.perAnswer(sum, squares, n);
        assertThat(estimate.mean()).isCloseTo(mean, within(1e-9));
        assertThat(estimate.standardError()).isCloseTo(Math.sqrt(variance / n), within(1e-9));
        Interval interval = Means.interval(estimate);
        assertThat(interval.low()).isCloseTo(mean - Z * Math.sqrt(variance / n), within(1e-9));
        assertThat(Means.interval(Means.perAnswer(0, 0, 0)).value()).isNaN();
    }

    /** One arm's draws: answers, converted answers, and the revenue of each conversion. */
    private record Arm(long n, long conversions, double sum, double squares) {

        static Arm draw(SplittableRandom random, int n, double rate, double meanValue) {
            long conversions = 0;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < rate) {
                    conversions++;
                    double value = meanValue * 2 * random.nextDouble();
                    sum += value;
                    squares += value * value;
                }
            }
            return new Arm(n, conversions, sum, squares);
        }

        Means.Estimate revenue() {
            return Means.perAnswer(sum, squares, n);
        }
    }
}
