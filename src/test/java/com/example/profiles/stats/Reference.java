package com.example.profiles.stats;

/**
 * The report's statistics as a test derives them without the code under test: the normal tail by numerical
 * integration, the Wilson bounds by bisection on the score test they invert.
 */
public final class Reference {

    public static final double Z = 1.959963984540054;

    private Reference() {
    }

    /** P(|Z| >= |z|) by Simpson's rule over the density from |z| to |z| + 40. */
    public static double twoSidedP(double z) {
        return StatisticsTest.tailReference(z);
    }

    /** {low, high}: the p whose score test at 95% does not reject x of n. */
    public static double[] wilson(long x, long n) {
        double pHat = (double) x / n;
        return new double[] { bound(n, 0, pHat), bound(n, 1, pHat) };
    }

    private static double bound(long n, double outside, double pHat) {
        if (pHat == outside) {
            return pHat;
        }
        double in = pHat;
        double out = outside;
        for (int i = 0; i < 200; i++) {
            double mid = (in + out) / 2;
            if (Math.abs(pHat - mid) > Z * Math.sqrt(mid * (1 - mid) / n)) {
                out = mid;
            } else {
                in = mid;
            }
        }
        return (in + out) / 2;
    }
}
