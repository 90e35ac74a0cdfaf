package com.example.profiles.stats;

/**
 * Rates of answers that led to an event, out of the answers served: each answer either did or did not, so a rate
 * is a binomial proportion.
 */
public final class Proportions {

    private Proportions() {
    }

    /**
     * The rate {@code x / n} with its Wilson score interval, which stays inside [0, 1] and keeps close to 95%
     * coverage for rates near 0, where the Wald interval does not.
     *
     * @param x answers with the event (clamped to 0..n: served counts lost in a crash may leave fewer than x)
     */
    public static Interval wilson(long x, long n) {
        if (n <= 0) {
            return Interval.UNDEFINED;
        }
        double k = Math.max(0, Math.min(x, n));
        double p = k / n;
        double z2 = Normal.Z95 * Normal.Z95;
        double denominator = 1 + z2 / n;
        double center = (p + z2 / (2.0 * n)) / denominator;
        double half = Normal.Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new Interval(p, Math.max(0, center - half), Math.min(1, center + half));
    }

    /**
     * Arm B against control arm A: the relative lift {@code pB / pA - 1}; its interval from the log of the rate
     * ratio (Katz: {@code ln(pB/pA) +- z * sqrt(1/xB - 1/nB + 1/xA - 1/nA)}, undefined while either arm has no
     * event); and the p-value of the pooled two-proportion z-test.
     */
    public static Lift lift(long xA, long nA, long xB, long nB) {
        if (nA <= 0 || nB <= 0) {
            return new Lift(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double a = Math.max(0, Math.min(xA, nA));
        double b = Math.max(0, Math.min(xB, nB));
        double pA = a / nA;
        double pB = b / nB;
        double pooled = (a + b) / (nA + nB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / nA + 1.0 / nB));
        double pValue = se > 0 ? Normal.twoSided((pB - pA) / se) : 1;
        double value = pA > 0 ? pB / pA - 1 : Double.NaN;
        if (a == 0 || b == 0) {
            return new Lift(value, Double.NaN, Double.NaN, pValue);
        }
        double log = Math.log(pB / pA);
        double seLog = Math.sqrt(1 / b - 1.0 / nB + 1 / a - 1.0 / nA);
        return new Lift(value, Math.exp(log - Normal.Z95 * seLog) - 1, Math.exp(log + Normal.Z95 * seLog) - 1, pValue);
    }
}
