package com.example.profiles.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.profiles.dynamo.ExpressionBuilder;

/** The profile fields a caller may select with {@code fields}; their JSON names are the attribute names. */
public final class ProfileFields {

    public static final List<String> ALL = List.of(ProfileSchema.USER_ID, ProfileSchema.USER_NAME,
            ProfileSchema.ATTRIBUTES, ProfileSchema.FEATURES, ProfileSchema.VERSION, ProfileSchema.UPDATED_AT,
            ProfileSchema.UPDATED_REGION);

    private ProfileFields() {
    }

    /**
     * A projection expression for the selected fields plus those every answer needs (the key, and
     * the version behind the ETag).
     */
    static String projection(Set<String> fields, ExpressionBuilder names) {
        Set<String> projected = new LinkedHashSet<>();
        projected.add(ProfileSchema.USER_ID);
        projected.add(ProfileSchema.VERSION);
        // Every read must see the expiry, to treat an expired profile as absent.
        projected.add(ProfileSchema.EXPIRES_AT);
        projected.addAll(fields);
        return String.join(", ", projected.stream().map(names::name).toList());
    }
}
