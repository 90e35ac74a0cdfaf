package com.example.profiles.recommend;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

import com.example.profiles.kernel.Metric;

/**
 * What one recommendation or similar-items request asks for, already checked for shape (ranges, counts,
 * syntax of {@code max_per}); whether its filter and facets fit the catalog is checked against the
 * snapshot that answers it. It holds a value per control of {@link RequestControls}, the table that also
 * parses, documents and echoes them; a control the request did not set has its absent value.
 */
public final class RecommendRequest {

    /** Longest {@code exclude_ids} list a request may carry. */
    public static final int MAX_EXCLUDE_IDS = 10_000;

    /** By control; a control missing here has its absent value. */
    private final Map<RequestControl<?>, Object> values;

    /** A view of {@code values}, which the caller no longer changes once the request is handed out. */
    RecommendRequest(Map<RequestControl<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param offset     first position of the exact ordering to return; {@code offset + k <= 1000}
     * @param excludeIds item ids to leave out (ids not in the catalog are ignored)
     * @param filter     the filter expression as written, or null
     * @param maxPer     the diversity constraint, or null
     * @param fallback   what answers a user without features
     */
    public RecommendRequest(int k, int offset, Metric metric, boolean excludeSeen, List<String> excludeIds,
                            String filter, MaxPer maxPer, boolean explain, Fallback fallback) {
        this(of(k, offset, metric, excludeSeen, excludeIds, filter, maxPer, explain, fallback));
    }

    /** The plain request: top {@code k} by {@code metric}, nothing else. */
    public static RecommendRequest plain(int k, Metric metric) {
        return new RecommendRequest(k, 0, metric, false, List.of(), null, null, false, Fallback.NONE);
    }

    private static Map<RequestControl<?>, Object> of(int k, int offset, Metric metric, boolean excludeSeen,
                                                     List<String> excludeIds, String filter, MaxPer maxPer,
                                                     boolean explain, Fallback fallback) {
        Map<RequestControl<?>, Object> values = new HashMap<>();
        values.put(RequestControls.K, k);
        values.put(RequestControls.OFFSET, offset);
        values.put(RequestControls.METRIC, metric);
        values.put(RequestControls.EXCLUDE_SEEN, excludeSeen);
        values.put(RequestControls.EXCLUDE_IDS, List.copyOf(excludeIds));
        values.put(RequestControls.FILTER, filter);
        values.put(RequestControls.MAX_PER, maxPer);
        values.put(RequestControls.EXPLAIN, explain);
        values.put(RequestControls.FALLBACK, fallback);
        return values;
    }

    /** The value of {@code control}: as the request set it, or its absent value. */
    public <T> T get(RequestControl<T> control) {
        return values.containsKey(control) ? control.cast(values.get(control)) : control.absent();
    }

    public int k() {
        return get(RequestControls.K);
    }

    /** First position of the exact ordering to return; {@code offset + k <= 1000}. */
    public int offset() {
        return get(RequestControls.OFFSET);
    }

    public Metric metric() {
        return get(RequestControls.METRIC);
    }

    public boolean excludeSeen() {
        return get(RequestControls.EXCLUDE_SEEN);
    }

    /** Item ids to leave out (ids not in the catalog are ignored). */
    public List<String> excludeIds() {
        return get(RequestControls.EXCLUDE_IDS);
    }

    /** The filter expression as written, or null. */
    public String filter() {
        return get(RequestControls.FILTER);
    }

    /** The diversity constraint, or null. */
    public MaxPer maxPer() {
        return get(RequestControls.MAX_PER);
    }

    public boolean explain() {
        return get(RequestControls.EXPLAIN);
    }

    /** What answers a user without features. */
    public Fallback fallback() {
        return get(RequestControls.FALLBACK);
    }

    /**
     * The model the request names, or null: then the traffic split's model for the user (recommendations) or the
     * largest share's (similar items).
     */
    public String model() {
        return get(RequestControls.MODEL);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof RecommendRequest that)) {
            return false;
        }
        for (RequestControl<?> control : RequestControls.ALL) {
            if (!Objects.equals(get(control), that.get(control))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (RequestControl<?> control : RequestControls.ALL) {
            hash = 31 * hash + Objects.hashCode(get(control));
        }
        return hash;
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "RecommendRequest[", "]");
        RequestControls.ALL.forEach(control -> text.add(control.name() + "=" + get(control)));
        return text.toString();
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
