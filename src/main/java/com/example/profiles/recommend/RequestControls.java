package com.example.profiles.recommend;

import static com.example.profiles.recommend.RequestControl.Endpoint.RECOMMENDATIONS;
import static com.example.profiles.recommend.RequestControl.Endpoint.SIMILAR_ITEMS;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.example.profiles.error.ProblemException;
import com.example.profiles.facet.FilterParser;
import com.example.profiles.input.Ids;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelNames;
import com.example.profiles.recommend.RequestControl.Endpoint;
import com.example.profiles.recommend.RequestControl.Wire;

/**
 * The controls of the recommendation and similar-items requests, one row each: the GET's parameters, the POST
 * body's fields, their parsers, their API documentation and the answer's echo of them are all read from here,
 * so a new control is one more row. Rows are read in this order, so the first defect named is the first here.
 */
public final class RequestControls {

    private static final Set<Endpoint> BOTH = Set.of(RECOMMENDATIONS, SIMILAR_ITEMS);
    private static final Set<Endpoint> RECOMMENDATIONS_ONLY = Set.of(RECOMMENDATIONS);

    public static final RequestControl<Integer> K = RequestControl.integer("k", BOTH, 1, ExactSearch.MAX_K, 10)
            .describe("How many items to return.", null);

    public static final RequestControl<Integer> OFFSET = RequestControl.integer("offset", BOTH, 0, ExactSearch.MAX_K - 1, 0)
            .describe("First position of the exact ordering to return (paging); k + offset <= " + ExactSearch.MAX_K + ".",
                    null)
            .rule(RequestControls::pageFits)
            .echo(Wire.INTEGER, null, offset -> offset == 0 ? null : offset);

    public static final RequestControl<List<String>> EXCLUDE_IDS = RequestControl.ids("exclude_ids", BOTH,
                    RecommendRequest.MAX_EXCLUDE_IDS, RequestControls::excludeIds)
            .describe("Item ids to leave out (cart, already on the page); at most 10,000. A query lists them"
                    + " comma-separated (use the POST form for long lists).", "book-2,book-3")
            .echo(Wire.INTEGER, "How many ids the request listed in exclude_ids.", ids -> ids.isEmpty() ? null : ids.size());

    public static final RequestControl<Metric> METRIC = RequestControl.choice("metric", BOTH, Wire.TEXT,
                    labels("dot", Metric.DOT, "cosine", Metric.COSINE), Metric.DOT, true)
            .describe("How an item is scored against the query vector.", null);

    public static final RequestControl<Boolean> EXCLUDE_SEEN = RequestControl.choice("exclude", RECOMMENDATIONS_ONLY,
                    Wire.TEXT, labels("seen", true), false, false)
            .describe("`seen` leaves out the items the profile lists as purchased (recommendations only).", null)
            .echo(Wire.TEXT, null, seen -> seen ? "seen" : null);

    public static final RequestControl<String> FILTER = RequestControl.text("filter", BOTH, RequestControls::filter)
            .describe("""
                    Only items passing this expression. Facets: `authors` and the item attributes named in
                    recommend.catalog.facets (also written `attributes.<name>`). Forms: `language = "eng"`,
                    `price <= 20` (`<`, `<=`, `>`, `>=`, `=`, `!=`), a bare boolean facet such as `in_stock`,
                    `genres in ("fantasy", "sci-fi")` (a list facet matches when any of its values is listed),
                    combined with `and`, `or`, `not` and parentheses. Strings in double or single quotes.""",
                    "language = \"eng\" and in_stock and not format = \"ebook\"")
            .echo(Wire.TEXT, null, filter -> filter);

    public static final RequestControl<RecommendRequest.MaxPer> MAX_PER = RequestControl.text("max_per", BOTH,
                    RequestControls::maxPer)
            .describe("At most N results share a value of a text facet (a list facet groups by its first value):"
                    + " `facet:N`. Exact: the exact order, skipping items whose group is full.", "series:1")
            .echo(Wire.TEXT, null, maxPer -> maxPer == null ? null : maxPer.toString());

    public static final RequestControl<Boolean> EXPLAIN = RequestControl.choice("explain", RECOMMENDATIONS_ONLY,
                    Wire.BOOLEAN, labels("true", true, "false", false), false, false)
            .describe("Adds `because` to each item: the purchased item most similar to it (recommendations only).",
                    null);

    public static final RequestControl<RecommendRequest.Fallback> FALLBACK = RequestControl.choice("fallback",
                    RECOMMENDATIONS_ONLY, Wire.TEXT, labels("popular", RecommendRequest.Fallback.POPULAR,
                            "interests", RecommendRequest.Fallback.INTERESTS), RecommendRequest.Fallback.NONE, false)
            .describe("Answer a user without features, or without a profile, by popularity (`popular`) or by the"
                    + " genres of the profile's interests first (`interests`); without it such users get 409/404."
                    + " Recommendations only.", null);

    public static final RequestControl<String> MODEL = RequestControl.text("model", BOTH, RequestControls::model)
            .describe("The model whose vectors score the items (GET /v1/models lists them), for comparing models;"
                    + " without it, the traffic split's model for the user (recommendations), or the model with the"
                    + " largest share (similar items).", "books-v2");

    /** Every control, in the order they are read. */
    public static final List<RequestControl<?>> ALL = List.of(K, OFFSET, EXCLUDE_IDS, METRIC, EXCLUDE_SEEN, FILTER,
            MAX_PER, EXPLAIN, FALLBACK, MODEL);

    /** Largest {@code N} of {@code max_per=facet:N}. */
    static final int MAX_PER_LIMIT = ExactSearch.MAX_K;

    private RequestControls() {
    }

    /** The controls {@code endpoint} takes, in the order they are read. */
    public static List<RequestControl<?>> of(Endpoint endpoint) {
        return ALL.stream().filter(control -> control.takenBy(endpoint)).toList();
    }

    /**
     * The request that {@code endpoint}'s controls make; {@code raw} gives a control's text (a list of text for
     * an id list), null when the request leaves it out. Controls the endpoint does not take keep their absent
     * value.
     *
     * @throws ProblemException 400 naming the first defective control
     */
    public static RecommendRequest read(Endpoint endpoint, Function<RequestControl<?>, Object> raw) {
        Map<RequestControl<?>, Object> values = new LinkedHashMap<>();
        // Filled as the controls are read: each control's rule sees the ones before it.
        RecommendRequest request = new RecommendRequest(values);
        for (RequestControl<?> control : ALL) {
            Object text = control.takenBy(endpoint) ? raw.apply(control) : null;
            values.put(control, control.read(text, request));
        }
        return request;
    }

    /** What the answer's constraints show of {@code request}: the echoed controls it used, by name. */
    public static Map<String, Object> echo(RecommendRequest request) {
        Map<String, Object> shown = new LinkedHashMap<>();
        for (RequestControl<?> control : ALL) {
            Object value = control.echoed(request.get(control));
            if (value != null) {
                shown.put(control.name(), value);
            }
        }
        return shown;
    }

    private static void pageFits(int offset, RecommendRequest earlier) {
        int k = earlier.k();
        if (k + offset > ExactSearch.MAX_K) {
            throw ProblemException.badRequest("k + offset must be at most " + ExactSearch.MAX_K + ": k is " + k
                    + ", offset " + offset);
        }
    }

    private static List<String> excludeIds(List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > RecommendRequest.MAX_EXCLUDE_IDS) {
            throw ProblemException.badRequest("exclude_ids lists " + ids.size() + " ids; at most "
                    + RecommendRequest.MAX_EXCLUDE_IDS + " are allowed");
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!Ids.isValid(ids.get(i))) {
                throw ProblemException.badRequest("exclude_ids[" + i + "] " + Ids.RULE);
            }
        }
        return List.copyOf(ids);
    }

    /** A filter expression checked for shape as a request's (whether it fits a catalog is the snapshot's to say). */
    public static String checkedFilter(String filter) {
        return filter(filter);
    }

    /** {@code facet:N} parsed as a request's {@code max_per}; null for null. */
    public static RecommendRequest.MaxPer parsedMaxPer(String maxPer) {
        return maxPer(maxPer);
    }

    private static String filter(String filter) {
        if (filter == null) {
            return null;
        }
        if (filter.isBlank()) {
            throw ProblemException.badRequest("filter is empty; leave it out to filter nothing");
        }
        if (filter.length() > FilterParser.MAX_LENGTH) {
            throw ProblemException.badRequest("filter is longer than " + FilterParser.MAX_LENGTH + " characters");
        }
        return filter;
    }

    private static String model(String model) {
        return model == null ? null : ModelNames.require(model);
    }

    private static RecommendRequest.MaxPer maxPer(String maxPer) {
        if (maxPer == null || maxPer.isEmpty()) {
            return null;
        }
        int colon = maxPer.lastIndexOf(':');
        String facet = colon < 0 ? "" : maxPer.substring(0, colon).trim();
        if (facet.startsWith("attributes.")) {
            facet = facet.substring("attributes.".length());
        }
        int count;
        try {
            count = colon < 0 ? -1 : Integer.parseInt(maxPer.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            count = -1;
        }
        if (facet.isEmpty() || count < 1 || count > MAX_PER_LIMIT) {
            throw ProblemException.badRequest("max_per must be a facet name and a count in 1.." + MAX_PER_LIMIT
                    + ", such as authors:1 or series:2");
        }
        return new RecommendRequest.MaxPer(facet, count);
    }

    private static <T> Map<String, T> labels(String label, T value) {
        return Map.of(label, value);
    }

    private static <T> Map<String, T> labels(String first, T firstValue, String second, T secondValue) {
        Map<String, T> labels = new LinkedHashMap<>();
        labels.put(first, firstValue);
        labels.put(second, secondValue);
        return labels;
    }
}
