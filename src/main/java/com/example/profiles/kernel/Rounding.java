package com.example.profiles.kernel;

/** Floating-point error constants (see docs/int8-bound.md). */
final class Rounding {

    private Rounding() {
    }

    /** Unit roundoff of float32 (round-to-nearest): u = 2^-24. */
    static final double U = 0x1p-24;

    /** Largest absolute rounding error of one float32 operation in the subnormal range: 2^-150. */
    static final double ETA = 0x1p-150;

    /** gamma_n = n u / (1 - n u) (Higham), valid for n u < 1. */
    static double gamma(int n) {
        double nu = n * U;
        if (nu >= 0.5) {
            throw new IllegalArgumentException("dimension too large for the float32 error model: " + n);
        }
        return nu / (1 - nu);
    }

    /** Smallest float >= x (x finite, non-negative), i.e. x rounded up to float. */
    static float roundUp(double x) {
        float f = (float) x;
        if (f < x) {
            f = Math.nextUp(f);
        }
        return f;
    }
}
