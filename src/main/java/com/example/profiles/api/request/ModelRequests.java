package com.example.profiles.api.request;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates model definitions and traffic splits; every rejection is a 400 naming the field. */
@ApplicationScoped
public class ModelRequests {

    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_SALT = 128;
    private static final Set<String> DEFINITION_FIELDS = Set.of("dimension", "metric", "description");
    private static final Set<String> TRAFFIC_FIELDS = Set.of("split", "salt");

    /** A model definition: {@code dimension} 1..4096, {@code metric} dot or cosine, an optional description. */
    public record Definition(int dimension, Metric metric, String description) {
    }

    /** A traffic split: integer weights by model, and the salt of the assignment. */
    public record Split(Map<String, Integer> weights, String salt) {
    }

    private final ApiConfig config;

    public ModelRequests(ApiConfig config) {
        this.config = config;
    }

    public Definition definition(byte[] body) {
        ObjectNode json = fields(StrictJson.parseObject(body, config.maxBodyBytes()), DEFINITION_FIELDS);
        JsonNode dimension = json.get("dimension");
        if (dimension == null || !dimension.isIntegralNumber() || !dimension.canConvertToInt()
                || dimension.intValue() < 1 || dimension.intValue() > ModelDefinition.MAX_DIMENSION) {
            throw ProblemException.badRequest("dimension is required: an integer 1.." + ModelDefinition.MAX_DIMENSION);
        }
        JsonNode metric = json.get("metric");
        Metric parsed = Metric.DOT;
        if (metric != null && !metric.isNull()) {
            if (!metric.isTextual() || !(metric.textValue().equals("dot") || metric.textValue().equals("cosine"))) {
                throw ProblemException.badRequest("metric must be dot or cosine");
            }
            parsed = metric.textValue().equals("dot") ? Metric.DOT : Metric.COSINE;
        }
        JsonNode description = json.get("description");
        if (description != null && !description.isNull()
                && (!description.isTextual() || description.textValue().length() > MAX_DESCRIPTION)) {
            throw ProblemException.badRequest("description must be a string of at most " + MAX_DESCRIPTION
                    + " characters");
        }
        return new Definition(dimension.intValue(), parsed,
                description == null || description.isNull() ? null : description.textValue());
    }

    public Split split(byte[] body) {
        ObjectNode json = fields(StrictJson.parseObject(body, config.maxBodyBytes()), TRAFFIC_FIELDS);
        JsonNode split = json.get("split");
        if (split == null || !split.isObject() || split.isEmpty()) {
            throw ProblemException.badRequest("split is required: an object of model names to integer shares"
                    + " summing to 100, such as {\"default\": 90, \"books-v2\": 10}");
        }
        Map<String, Integer> weights = new LinkedHashMap<>();
        split.fields().forEachRemaining(arm -> {
            JsonNode weight = arm.getValue();
            if (!weight.isIntegralNumber() || !weight.canConvertToInt()) {
                throw ProblemException.badRequest("split." + arm.getKey() + " must be an integer share 0..100");
            }
            weights.put(arm.getKey(), weight.intValue());
        });
        JsonNode salt = json.get("salt");
        if (salt == null || !salt.isTextual() || salt.textValue().isEmpty() || salt.textValue().length() > MAX_SALT) {
            throw ProblemException.badRequest("salt is required: a string of 1.." + MAX_SALT + " characters (a new"
                    + " salt reassigns every user)");
        }
        return new Split(weights, salt.textValue());
    }

    private static ObjectNode fields(ObjectNode json, Set<String> allowed) {
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected " + allowed);
            }
        });
        return json;
    }
}
