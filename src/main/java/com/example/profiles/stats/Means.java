package com.example.profiles.stats;

/**
 * A mean per answer served of a value that most answers do not earn (revenue): known only through the number of
 * answers and the sum and sum of squares of the values the answers earned.
 */
public final class Means {

    private Means() {
    }

    /** A mean per answer and its standard error. */
    public record Estimate(double mean, double standardError, long n) {
    }

    /**
     * The mean {@code sum / n} and its standard error {@code s / sqrt(n)}, where {@code s^2 = (squares - sum^2/n) /
     * (n - 1)} is the sample variance of the per-answer values when each answer earned at most one value (every
     * other answer earned 0). An answer that earned several values has a larger square than the sum of theirs,
     * so then this variance is somewhat low; docs/attribution.md says when that matters.
     */
    public static Estimate perAnswer(double sum, double squares, long n) {
        if (n <= 0) {
            return new Estimate(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double variance = n > 1 ? Math.max(0, (squares - sum * sum / n) / (n - 1)) : 0;
        return new Estimate(mean, Math.sqrt(variance / n), n);
    }

    /** The mean with its normal 95% interval, {@code mean +- z * se} (the central limit theorem over n answers). */
    public static Interval interval(Estimate estimate) {
        if (estimate.n() <= 0) {
            return Interval.UNDEFINED;
        }
        double half = Normal.Z95 * estimate.standardError();
        return new Interval(estimate.mean(), estimate.mean() - half, estimate.mean() + half);
    }

    /**
     * Arm B against control A: the relative lift {@code mB / mA - 1}; its interval by the delta method on the log
     * of the ratio ({@code ln(mB/mA) +- z * sqrt(seB^2/mB^2 + seA^2/mA^2)}, defined while both means are
     * positive); and the p-value of the unpooled (Welch) z-test of {@code mB - mA}.
     */
    public static Lift lift(Estimate a, Estimate b) {
        if (a.n() <= 0 || b.n() <= 0) {
            return new Lift(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double se = Math.sqrt(a.standardError() * a.standardError() + b.standardError() * b.standardError());
        double pValue = se > 0 ? Normal.twoSided((b.mean() - a.mean()) / se) : 1;
        double value = a.mean() != 0 ? b.mean() / a.mean() - 1 : Double.NaN;
        if (!(a.mean() > 0 && b.mean() > 0)) {
            return new Lift(value, Double.NaN, Double.NaN, pValue);
        }
        double log = Math.log(b.mean() / a.mean());
        double seLog = Math.sqrt(square(b.standardError() / b.mean()) + square(a.standardError() / a.mean()));
        return new Lift(value, Math.exp(log - Normal.Z95 * seLog) - 1, Math.exp(log + Normal.Z95 * seLog) - 1, pValue);
    }

    private static double square(double x) {
        return x * x;
    }
}
