package com.example.profiles.stats;

/**
 * How an arm compares with the control arm: the relative lift {@code treatment / control - 1}, its 95% interval,
 * and the two-sided p-value of "no difference". Undefined parts are NaN (see {@link Interval}).
 */
public record Lift(double value, double low, double high, double pValue) {
}
