package com.example.profiles.api.request;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.ItemVector;
import com.example.profiles.error.ProblemException;
import com.example.profiles.input.Ids;
import com.example.profiles.model.ModelDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates one model's item vectors, from a PUT body or from one line of an NDJSON import. */
@ApplicationScoped
public class ItemVectorRequests {

    private static final Set<String> PUT_FIELDS = Set.of("embedding");
    private static final Set<String> IMPORT_FIELDS = Set.of("item_id", "embedding");

    private final ApiConfig config;

    public ItemVectorRequests(ApiConfig config) {
        this.config = config;
    }

    /** The vector of a PUT body (its dimension is checked against the model's by the service). */
    public ItemVector put(String itemId, byte[] body) {
        return vector(Ids.item(itemId), StrictJson.parseObject(body, config.maxBodyBytes()), PUT_FIELDS);
    }

    /** The vector of one import line, which carries its own {@code item_id}. */
    public static ItemVector importLine(ObjectNode json) {
        JsonNode id = json.get("item_id");
        if (id == null || !id.isTextual()) {
            throw ProblemException.badRequest("item_id is required and must be a string");
        }
        return vector(Ids.item(id.textValue()), json, IMPORT_FIELDS);
    }

    private static ItemVector vector(String itemId, ObjectNode json, Set<String> allowed) {
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected " + allowed);
            }
        });
        JsonNode embedding = json.get("embedding");
        if (embedding == null) {
            throw ProblemException.badRequest("embedding is required: an array of 1.." + ModelDefinition.MAX_DIMENSION
                    + " numbers");
        }
        return new ItemVector(itemId, StrictJson.floatVector(embedding, "embedding", ModelDefinition.MAX_DIMENSION));
    }
}
