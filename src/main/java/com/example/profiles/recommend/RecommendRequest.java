package com.example.profiles.recommend;

import java.util.List;
import java.util.Locale;

import com.example.profiles.kernel.Metric;

/**
 * What one recommendation or similar-items request asks for, already checked for shape (ranges, counts,
 * syntax of {@code max_per}); whether its filter and facets fit the catalog is checked against the
 * snapshot that answers it.
 *
 * @param offset      first position of the exact ordering to return; {@code offset + k <= 1000}
 * @param excludeIds  item ids to leave out (ids not in the catalog are ignored)
 * @param filter      the filter expression as written, or null
 * @param maxPer      the diversity constraint, or null
 * @param fallback    what answers a user without features
 */
public record RecommendRequest(int k, int offset, Metric metric, boolean excludeSeen, List<String> excludeIds,
                               String filter, MaxPer maxPer, boolean explain, Fallback fallback) {

    /** Longest {@code exclude_ids} list a request may carry. */
    public static final int MAX_EXCLUDE_IDS = 10_000;

    public RecommendRequest {
        excludeIds = List.copyOf(excludeIds);
    }

    /** The plain request: top {@code k} by {@code metric}, nothing else. */
    public static RecommendRequest plain(int k, Metric metric) {
        return new RecommendRequest(k, 0, metric, false, List.of(), null, null, false, Fallback.NONE);
    }

    /** {@code max_per=facet:N}. */
    public record MaxPer(String facet, int count) {
        @Override
        public String toString() {
            return facet + ":" + count;
        }
    }

    /** The cold-start answer for a user without features (or without a profile). */
    public enum Fallback {
        /** Today's answer: 404 for an unknown user, 409 for one without features. */
        NONE,
        /** The most popular items that pass the request's constraints. */
        POPULAR,
        /** Like {@link #POPULAR}, with the items whose genres meet the profile's interests first. */
        INTERESTS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
