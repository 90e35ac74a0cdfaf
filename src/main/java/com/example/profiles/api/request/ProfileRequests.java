package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.input.Ids;
import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.profile.ProfileFields;
import com.example.profiles.profile.ProfilePatch;
import com.example.profiles.profile.ProfileTimes;
import com.example.profiles.profile.ProfileWrite;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Validates profile requests into the store's commands; every rejection is a 4xx problem. */
@ApplicationScoped
public class ProfileRequests {

    static final int MAX_NAME_LENGTH = 1024;
    private static final Set<String> WRITABLE = Set.of("user_name", "attributes", "user_features", "event_time", "expires_at");

    private final ApiConfig config;
    private final ProfileConfig profiles;

    public ProfileRequests(ApiConfig config, ProfileConfig profiles) {
        this.config = config;
        this.profiles = profiles;
    }

    public ProfileWrite write(byte[] body) {
        int maxFeatures = config.maxFeatures();
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        rejectUnknown(json);
        JsonNode name = json.get("user_name");
        if (name == null || name.isNull()) {
            throw ProblemException.badRequest("user_name is required");
        }
        JsonNode attributes = json.get("attributes");
        ObjectNode attributeObject = attributes == null || attributes.isNull()
                ? json.objectNode()
                : requireObject(attributes);
        StrictJson.requireStorable(attributeObject, "attributes", 1);
        JsonNode features = json.get("user_features");
        return new ProfileWrite(userName(name), JsonAttributes.toMap(attributeObject),
                features == null || features.isNull() ? null : features(features, maxFeatures), times(json));
    }

    public ProfilePatch patch(byte[] body) {
        int maxFeatures = config.maxFeatures();
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        rejectUnknown(json);
        String name = null;
        if (json.has("user_name")) {
            if (json.get("user_name").isNull()) {
                throw ProblemException.unprocessable("user_name cannot be removed; it is required");
            }
            name = userName(json.get("user_name"));
        }
        boolean touchesFeatures = json.has("user_features");
        float[] features = touchesFeatures && !json.get("user_features").isNull()
                ? features(json.get("user_features"), maxFeatures)
                : null;
        boolean touchesAttributes = json.has("attributes");
        ObjectNode attributes = null;
        if (touchesAttributes && !json.get("attributes").isNull()) {
            attributes = requireObject(json.get("attributes"));
            StrictJson.requireStorable(attributes, "attributes", 1);
        }
        return new ProfilePatch(name, touchesFeatures, features, touchesAttributes, attributes, times(json));
    }

    /** A batch read: the ids in request order, and the fields to read (null: all of them). */
    public record BatchGet(List<String> userIds, Set<String> fields) {

        /** What to read of each profile: the selected fields, or all of them. */
        public Set<String> projection() {
            return fields == null ? Set.copyOf(ProfileFields.ALL) : fields;
        }
    }

    public BatchGet batchGet(byte[] body) {
        int maxIds = profiles.batchGet().maxIds();
        ObjectNode json = StrictJson.parseObject(body, config.maxBodyBytes());
        json.fieldNames().forEachRemaining(field -> {
            if (!field.equals("user_ids") && !field.equals("fields")) {
                throw ProblemException.badRequest("unknown field '" + field + "'; expected user_ids and fields");
            }
        });
        List<String> ids = stringArray(json.get("user_ids"), "user_ids");
        if (ids.isEmpty() || ids.size() > maxIds) {
            throw ProblemException.badRequest("user_ids must hold 1.." + maxIds + " ids, not " + ids.size());
        }
        ids.forEach(Ids::user);
        JsonNode fieldsJson = json.get("fields");
        Set<String> fields = fieldsJson == null || fieldsJson.isNull() ? null : fields(stringArray(fieldsJson, "fields"));
        return new BatchGet(ids, fields);
    }

    private static List<String> stringArray(JsonNode json, String name) {
        if (json == null || !json.isArray()) {
            throw ProblemException.badRequest(name + " must be an array of strings");
        }
        List<String> values = new ArrayList<>(json.size());
        for (JsonNode element : json) {
            if (!element.isTextual()) {
                throw ProblemException.badRequest(name + " must be an array of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    /** The {@code fields} query parameter: null (every field) when absent, else {@link #fields(List)}. */
    public static Set<String> selection(List<String> requested) {
        return requested == null || requested.isEmpty() ? null : fields(requested);
    }

    /** The {@code fields} selection: known field names, deduplicated, at least one. */
    static Set<String> fields(List<String> requested) {
        Set<String> fields = new LinkedHashSet<>();
        for (String entry : requested) {
            for (String field : entry.split(",")) {
                String f = field.trim();
                if (f.isEmpty()) {
                    continue;
                }
                if (!ProfileFields.SELECTABLE.contains(f)) {
                    throw ProblemException.badRequest("unknown field '" + f + "'; known fields: " + ProfileFields.SELECTABLE);
                }
                fields.add(f);
            }
        }
        if (fields.isEmpty()) {
            throw ProblemException.badRequest("fields must name at least one of " + ProfileFields.SELECTABLE);
        }
        return fields;
    }

    /** {@code event_time} and {@code expires_at}: RFC 3339 date-times in the years 1..9999, or absent. */
    private static ProfileTimes times(ObjectNode json) {
        java.time.Instant eventTime = instant(json.get("event_time"), "event_time");
        java.time.Instant expiresAt = instant(json.get("expires_at"), "expires_at");
        return eventTime == null && expiresAt == null ? ProfileTimes.NONE : new ProfileTimes(eventTime, expiresAt);
    }

    private static java.time.Instant instant(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.badRequest(field + " must be an RFC 3339 date-time string");
        }
        return Times.instant(field, node.textValue()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    private static void rejectUnknown(ObjectNode json) {
        json.fieldNames().forEachRemaining(field -> {
            if (!WRITABLE.contains(field)) {
                throw ProblemException.badRequest("unknown field '" + field + "'; writable fields are " + WRITABLE);
            }
        });
    }

    private static String userName(JsonNode name) {
        if (!name.isTextual()) {
            throw ProblemException.badRequest("user_name must be a string");
        }
        String value = name.textValue();
        if (value.isBlank() || value.length() > MAX_NAME_LENGTH) {
            throw ProblemException.badRequest("user_name must be 1.." + MAX_NAME_LENGTH + " characters, not blank");
        }
        return value;
    }

    private static ObjectNode requireObject(JsonNode attributes) {
        if (!attributes.isObject()) {
            throw ProblemException.badRequest("attributes must be a JSON object");
        }
        return (ObjectNode) attributes;
    }

    private static float[] features(JsonNode json, int maxFeatures) {
        return StrictJson.floatVector(json, "user_features", maxFeatures);
    }
}
