package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.error.ProblemException;
import com.example.profiles.input.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates catalog items, from a PUT body or from one line of an NDJSON import. */
@ApplicationScoped
public class ItemRequests {

    static final int MAX_DIMENSION = 4096;
    static final int MAX_TITLE_LENGTH = 2048;
    private static final Set<String> PUT_FIELDS = Set.of("title", "authors", "attributes", "embedding");
    private static final Set<String> IMPORT_FIELDS = Set.of("item_id", "title", "authors", "attributes", "embedding");

    private final ApiConfig config;

    public ItemRequests(ApiConfig config) {
        this.config = config;
    }

    /** The item of a PUT body (its dimension is checked by the item service); the embedding is optional. */
    public CatalogItem put(String itemId, byte[] body) {
        return item(Ids.item(itemId), StrictJson.parseObject(body, config.maxBodyBytes()), PUT_FIELDS);
    }

    /** The item of one import line, which carries its own {@code item_id}. */
    public static CatalogItem importLine(ObjectNode json) {
        JsonNode id = json.get("item_id");
        if (id == null || !id.isTextual()) {
            throw ProblemException.badRequest("item_id is required and must be a string");
        }
        return item(Ids.item(id.textValue()), json, IMPORT_FIELDS);
    }

    private static CatalogItem item(String itemId, ObjectNode json, Set<String> allowed) {
        json.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected " + allowed);
            }
        });
        JsonNode title = json.get("title");
        if (title == null || !title.isTextual() || title.textValue().isBlank()
                || title.textValue().length() > MAX_TITLE_LENGTH) {
            throw ProblemException.badRequest("title is required: a string of 1.." + MAX_TITLE_LENGTH + " characters");
        }
        // Absent: the item's stored vectors stay as they are (and none is checked against default's dimension).
        JsonNode vector = json.get("embedding");
        float[] embedding = vector == null ? null : StrictJson.floatVector(vector, "embedding", MAX_DIMENSION);
        CatalogItem item = new CatalogItem();
        item.setItemId(itemId);
        item.setTitle(title.textValue());
        item.setEmbedding(embedding);
        item.setAuthors(authors(json.get("authors")));
        JsonNode attributes = json.get("attributes");
        if (attributes != null && !attributes.isNull()) {
            if (!attributes.isObject()) {
                throw ProblemException.badRequest("attributes must be a JSON object");
            }
            StrictJson.requireStorable(attributes, "attributes", 1);
            item.setAttributes(JsonAttributes.toMap(attributes));
        }
        return item;
    }

    private static List<String> authors(JsonNode json) {
        if (json == null || json.isNull()) {
            return null;
        }
        if (!json.isArray() || json.isEmpty()) {
            throw ProblemException.badRequest("authors must be a non-empty array of strings");
        }
        List<String> authors = new ArrayList<>();
        for (JsonNode author : json) {
            if (!author.isTextual() || author.textValue().isBlank()) {
                throw ProblemException.badRequest("authors must be a non-empty array of strings");
            }
            authors.add(author.textValue());
        }
        return authors;
    }
}
