package com.example.profiles.api.view;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.model.ModelNames;
import com.example.profiles.profile.ProfileFields;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

/** A profile as the API shows it; fields left out of a projection are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "user_id", "user_name", "attributes", "user_features", "features", "version", "updated_at",
        "updated_region", "event_time", "expires_at" })
/* Serialized by Jackson (nested records included): registered for a native image. */
@RegisterForReflection
public record ProfileView(
        @JsonProperty("user_id") String userId,
        @JsonProperty("user_name") String userName,
        @JsonRawValue @JsonProperty("attributes") String attributes,
        @JsonProperty("user_features") float[] userFeatures,
        @JsonProperty("features") Map<String, float[]> features,
        @JsonProperty("version") Long version,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("updated_region") String updatedRegion,
        @JsonProperty("event_time") String eventTime,
        @JsonProperty("expires_at") String expiresAt) {

    public static ProfileView of(ProfileItem item) {
        return new ProfileView(item.getUserId(), item.getUserName(),
                item.getAttributes() == null ? "{}" : JsonAttributes.toJson(item.getAttributes()),
                item.getFeatures(), null, item.getVersion(), item.getUpdatedAt(), item.getUpdatedRegion(),
                item.getEventTime(),
                item.getExpiresAt() == null ? null : java.time.Instant.ofEpochSecond(item.getExpiresAt()).toString());
    }

    /** Only the selected fields, plus the id that says whose profile this is. */
    public static ProfileView of(ProfileItem item, Set<String> fields) {
        if (fields == null) {
            return of(item);
        }
        ProfileView full = of(item);
        return new ProfileView(full.userId(),
                fields.contains(ProfileSchema.USER_NAME) ? full.userName() : null,
                fields.contains(ProfileSchema.ATTRIBUTES) ? full.attributes() : null,
                fields.contains(ProfileSchema.FEATURES) ? full.userFeatures() : null,
                fields.contains(ProfileFields.FEATURES_BY_MODEL) ? byModel(item) : null,
                fields.contains(ProfileSchema.VERSION) ? full.version() : null,
                fields.contains(ProfileSchema.UPDATED_AT) ? full.updatedAt() : null,
                fields.contains(ProfileSchema.UPDATED_REGION) ? full.updatedRegion() : null,
                null, null);
    }

    /** Every vector of the user that was read, by model: {@code default} first, then by name. */
    private static Map<String, float[]> byModel(ProfileItem item) {
        Map<String, float[]> vectors = new LinkedHashMap<>();
        if (item.getFeatures() != null) {
            vectors.put(ModelNames.DEFAULT, item.getFeatures());
        }
        vectors.putAll(new TreeMap<>(item.getModelFeatures()));
        return vectors;
    }
}
