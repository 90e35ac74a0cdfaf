package com.example.profiles.api.request;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.input.Ids;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.profile.UserVector;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Validates a user's vector in a model: the body of {@code PUT /v1/models/{model}/users/{user_id}/features}
 * and one line of the bulk import. Every rejection is a 400 naming the field; the model's dimension is checked
 * by the store, which knows it.
 */
@ApplicationScoped
public class UserVectorRequests {

    private static final List<String> WRITE_FIELDS = List.of("features", "event_time");
    private static final List<String> LINE_FIELDS = List.of("user_id", "features", "event_time");

    private final ApiConfig config;

    public UserVectorRequests(ApiConfig config) {
        this.config = config;
    }

    /** The body of a single write: {@code {"features": [...], "event_time"?}}. */
    public UserVector write(String userId, byte[] body) {
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        return vector(Ids.user(userId), json, WRITE_FIELDS);
    }

    /** One import line: {@code {"user_id", "features", "event_time"?}}. */
    public static UserVector importLine(ObjectNode json) {
        only(json, LINE_FIELDS);
        JsonNode id = json.get("user_id");
        if (id == null || !id.isTextual()) {
            throw ProblemException.badRequest("user_id is required and must be a string");
        }
        return vector(Ids.user(id.textValue()), json, LINE_FIELDS);
    }

    private static UserVector vector(String userId, ObjectNode json, List<String> allowed) {
        only(json, allowed);
        JsonNode features = json.get("features");
        if (features == null || features.isNull()) {
            throw ProblemException.badRequest("features is required: an array of 1.." + ModelDefinition.MAX_DIMENSION
                    + " numbers");
        }
        float[] vector = StrictJson.floatVector(features, "features", ModelDefinition.MAX_DIMENSION);
        return new UserVector(userId, vector, eventTime(json.get("event_time")));
    }

    /** RFC 3339 in the years 1..9999, kept to the millisecond as every stored time is; null when absent. */
    private static Instant eventTime(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest("event_time must be an RFC 3339 date-time string");
        }
        return Times.instant("event_time", node.textValue()).truncatedTo(ChronoUnit.MILLIS);
    }

    private static void only(ObjectNode json, List<String> allowed) {
        Set<String> known = Set.copyOf(allowed);
        json.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected " + allowed);
            }
        });
    }
}
