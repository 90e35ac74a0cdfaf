package com.example.profiles.stats;

/**
 * The standard normal distribution's tail, accurate to about 1e-14 (a p-value of 1e-9 still has all its leading
 * digits): the error function by its Taylor series (all terms positive, no cancellation) below 3, and by its
 * continued fraction (modified Lentz) above.
 */
public final class Normal {

    /** The 97.5% quantile: a two-sided 95% interval is an estimate plus or minus this many standard errors. */
    public static final double Z95 = 1.959963984540054;
    private static final double SQRT2 = Math.sqrt(2);
    private static final double SQRT_PI = Math.sqrt(Math.PI);

    private Normal() {
    }

    /** P(|Z| >= |z|): the two-sided p-value of a z statistic; 1 for NaN (no evidence either way). */
    public static double twoSided(double z) {
        if (Double.isNaN(z)) {
            return 1;
        }
        return Math.min(1, erfc(Math.abs(z) / SQRT2));
    }

    /** The complementary error function for x >= 0. */
    static double erfc(double x) {
        if (x < 3) {
            return 1 - erfSeries(x);
        }
        if (x > 27) {
            return 0; // below the smallest double
        }
        return Math.exp(-x * x) / SQRT_PI * continuedFraction(x);
    }

    /** erf(x) = 2/sqrt(pi) * exp(-x^2) * sum_n (2x^2)^n x / (1*3*...*(2n+1)). */
    private static double erfSeries(double x) {
        double term = x;
        double sum = x;
        double twoXx = 2 * x * x;
        for (int n = 1; n < 200 && term > sum * 1e-17; n++) {
            term *= twoXx / (2 * n + 1);
            sum += term;
        }
        return 2 / SQRT_PI * Math.exp(-x * x) * sum;
    }

    /** 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + ...))))), evaluated by the modified Lentz method. */
    private static double continuedFraction(double x) {
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int n = 1; n < 500; n++) {
            double a = n / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / f;
    }
}
