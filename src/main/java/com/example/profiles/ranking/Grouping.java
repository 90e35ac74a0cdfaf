package com.example.profiles.ranking;

/**
 * The diversity constraint {@code max_per=facet:N}: at most {@code maxPer} results share a group, where
 * {@code groups[row]} is the row's group id (the dictionary id of the facet's first value) and {@code -1}
 * means the row has no value and shares a group with no one.
 */
public record Grouping(String facet, int[] groups, int maxPer) {

    public Grouping {
        if (maxPer < 1) {
            throw new IllegalArgumentException("maxPer must be at least 1: " + maxPer);
        }
    }
}
