/**
 * The statistics of the experiment report: 95% intervals of rates and means per answer served, and the
 * comparison of two arms (relative lift, its interval and a two-sided p-value). Pure arithmetic on counts and
 * sums: no framework imports, nothing of the application; the formulas and why they were chosen are in
 * docs/attribution.md.
 */
package com.example.profiles.stats;
