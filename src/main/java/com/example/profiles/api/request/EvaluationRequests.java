package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.evaluation.EvaluationRequest;
import com.example.profiles.evaluation.EvaluationRules;
import com.example.profiles.kernel.Metric;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads the body of {@code POST /v1/models/{model}/evaluations}; every rejection is a 400 naming the field. */
@ApplicationScoped
public class EvaluationRequests {

    private static final Set<String> FIELDS = Set.of("cutoff", "until", "k", "event_types", "users", "seed", "metric",
            "filter", "max_per");

    private final ApiConfig config;
    private final EvaluationRules rules;

    public EvaluationRequests(ApiConfig config, EvaluationRules rules) {
        this.config = config;
        this.rules = rules;
    }

    public EvaluationRequest read(String model, byte[] body) {
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        json.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected " + FIELDS);
            }
        });
        return rules.request(model, Times.instant("cutoff", text(json, "cutoff")),
                Times.instant("until", text(json, "until")), integers(json.get("k")), strings(json.get("event_types")),
                json.has("users") ? integer(json.get("users"), "users") : null,
                json.has("seed") ? seed(json.get("seed")) : null, metric(json.get("metric")), text(json, "filter"),
                text(json, "max_per"));
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

    private static Integer integer(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw ProblemException.badRequest(field + " must be an integer");
        }
        return node.intValue();
    }

    private static Long seed(JsonNode node) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw ProblemException.badRequest("seed must be an integer (64 bits)");
        }
        return node.longValue();
    }

    private static List<Integer> integers(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ProblemException.badRequest("k must be an array of integers, such as [5, 10, 25]");
        }
        List<Integer> out = new ArrayList<>();
        node.forEach(k -> out.add(integer(k, "k[" + out.size() + "]")));
        return out;
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ProblemException.badRequest("event_types must be an array of event types, such as [\"purchase\"]");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode type : node) {
            if (!type.isTextual()) {
                throw ProblemException.badRequest("event_types[" + out.size() + "] must be a string");
            }
            out.add(type.textValue());
        }
        return out;
    }

    private static Metric metric(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual() && node.textValue().equals("dot")) {
            return Metric.DOT;
        }
        if (node.isTextual() && node.textValue().equals("cosine")) {
            return Metric.COSINE;
        }
        throw ProblemException.badRequest("metric must be dot or cosine (absent: the model's own)");
    }
}
