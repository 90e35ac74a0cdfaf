package com.example.profiles.stats;

/**
 * An estimate with its two-sided 95% interval. Each is NaN where it is undefined (a rate of nothing served, an
 * interval of a ratio whose denominator is zero); the API writes NaN as null.
 */
public record Interval(double value, double low, double high) {

    static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN, Double.NaN);
}
