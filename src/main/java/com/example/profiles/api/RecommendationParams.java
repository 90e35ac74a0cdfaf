package com.example.profiles.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.example.profiles.error.ProblemException;
import com.example.profiles.facet.FilterParser;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.kernel.Metric;
import com.example.profiles.recommend.RecommendRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The controls of a recommendation or similar-items request, from query parameters or from a JSON body with
 * the same names, checked for shape: every defect is a 400 that names the parameter.
 */
final class RecommendationParams {

    /** Also the documented default of {@code k}. */
    static final int DEFAULT_K = 10;
    /** Largest {@code N} of {@code max_per=facet:N}. */
    static final int MAX_PER_LIMIT = ExactSearch.MAX_K;

    private static final Set<String> BODY_FIELDS = Set.of("k", "offset", "metric", "exclude", "exclude_ids", "filter",
            "max_per", "explain", "fallback");

    private RecommendationParams() {
    }

    /** The raw values of the controls as strings (null when absent); {@code excludeIds} already split. */
    record Raw(String k, String offset, String metric, String exclude, List<String> excludeIds, String filter,
               String maxPer, String explain, String fallback) {
    }

    static RecommendRequest parse(Raw raw) {
        int k = QueryParams.intInRange("k", raw.k(), DEFAULT_K, 1, ExactSearch.MAX_K);
        int offset = QueryParams.intInRange("offset", raw.offset(), 0, 0, ExactSearch.MAX_K - 1);
        if (k + offset > ExactSearch.MAX_K) {
            throw ProblemException.badRequest("k + offset must be at most " + ExactSearch.MAX_K + ": k is " + k
                    + ", offset " + offset);
        }
        List<String> excludeIds = raw.excludeIds() == null ? List.of() : raw.excludeIds();
        if (excludeIds.size() > RecommendRequest.MAX_EXCLUDE_IDS) {
            throw ProblemException.badRequest("exclude_ids lists " + excludeIds.size() + " ids; at most "
                    + RecommendRequest.MAX_EXCLUDE_IDS + " are allowed");
        }
        for (int i = 0; i < excludeIds.size(); i++) {
            if (!UserIds.isValid(excludeIds.get(i))) {
                throw ProblemException.badRequest("exclude_ids[" + i + "] must be 1..128 characters of"
                        + " A-Z a-z 0-9 . _ : @ -");
            }
        }
        return new RecommendRequest(k, offset, metric(raw.metric()), excludeSeen(raw.exclude()), excludeIds,
                filter(raw.filter()), maxPer(raw.maxPer()), bool("explain", raw.explain()), fallback(raw.fallback()));
    }

    /** {@code exclude_ids} as a query parameter: comma-separated ids. */
    static List<String> splitIds(String csv) {
        if (csv == null || csv.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        for (String id : csv.split(",", -1)) {
            ids.add(id.trim());
        }
        return ids;
    }

    /** The controls from a JSON body; unknown fields and wrong types are refused. */
    static Raw fromBody(byte[] body, int maxBytes) {
        ObjectNode json = StrictJson.parseObject(body, maxBytes);
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!BODY_FIELDS.contains(name)) {
                throw ProblemException.badRequest("unknown field '" + name + "'; the fields are " + new java.util.TreeSet<>(BODY_FIELDS));
            }
        }
        List<String> ids = null;
        JsonNode idsNode = json.get("exclude_ids");
        if (idsNode != null && !idsNode.isNull()) {
            if (!idsNode.isArray()) {
                throw ProblemException.badRequest("exclude_ids must be an array of item ids");
            }
            ids = new ArrayList<>(idsNode.size());
            for (JsonNode id : idsNode) {
                if (!id.isTextual()) {
                    throw ProblemException.badRequest("exclude_ids must be an array of item ids (strings)");
                }
                ids.add(id.textValue());
            }
        }
        return new Raw(number(json, "k"), number(json, "offset"), text(json, "metric"), text(json, "exclude"), ids,
                text(json, "filter"), text(json, "max_per"), flag(json, "explain"), text(json, "fallback"));
    }

    private static String number(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw ProblemException.badRequest(field + " must be an integer");
        }
        return node.asText();
    }

    private static String text(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest(field + " must be a string");
        }
        return node.textValue();
    }

    private static String flag(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw ProblemException.badRequest(field + " must be true or false");
        }
        return node.asText();
    }

    static Metric metric(String metric) {
        if (metric == null || metric.isEmpty()) {
            return Metric.DOT;
        }
        return switch (metric.toLowerCase(Locale.ROOT)) {
            case "dot" -> Metric.DOT;
            case "cosine" -> Metric.COSINE;
            default -> throw ProblemException.badRequest("metric must be dot or cosine");
        };
    }

    private static boolean excludeSeen(String exclude) {
        if (exclude == null || exclude.isEmpty()) {
            return false;
        }
        if (!exclude.equals("seen")) {
            throw ProblemException.badRequest("exclude must be 'seen' or absent");
        }
        return true;
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

    private static boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return false;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name + " must be true or false");
        };
    }

    private static RecommendRequest.Fallback fallback(String raw) {
        if (raw == null || raw.isEmpty()) {
            return RecommendRequest.Fallback.NONE;
        }
        return switch (raw) {
            case "popular" -> RecommendRequest.Fallback.POPULAR;
            case "interests" -> RecommendRequest.Fallback.INTERESTS;
            default -> throw ProblemException.badRequest("fallback must be popular or interests");
        };
    }
}
