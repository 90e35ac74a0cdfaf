package com.example.profiles.profile;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.example.profiles.dynamo.ExpressionBuilder;

/** The profile fields a caller may select with {@code fields}; their JSON names are the attribute names. */
public final class ProfileFields {

    public static final List<String> ALL = List.of(ProfileSchema.USER_ID, ProfileSchema.USER_NAME,
            ProfileSchema.ATTRIBUTES, ProfileSchema.FEATURES, ProfileSchema.VERSION, ProfileSchema.UPDATED_AT,
            ProfileSchema.UPDATED_REGION);

    /**
     * The user's vector in every model, by model name ({@code default} is {@code user_features}): not one
     * attribute but the vector attributes of the models the registry holds, so only a selection names it.
     */
    public static final String FEATURES_BY_MODEL = "features";

    /** What {@code fields} may select: the attributes, and {@link #FEATURES_BY_MODEL}. */
    public static final List<String> SELECTABLE = selectable();

    private ProfileFields() {
    }

    private static List<String> selectable() {
        List<String> fields = new ArrayList<>(ALL);
        fields.add(FEATURES_BY_MODEL);
        return List.copyOf(fields);
    }

    /** Whether a selection (null: the whole profile) asks for every model's vector. */
    static boolean wantsModelFeatures(Set<String> fields) {
        return fields != null && fields.contains(FEATURES_BY_MODEL);
    }

    /**
     * A projection expression for the selected fields plus those every answer needs (the key, and
     * the version behind the ETag).
     */
    static String projection(Set<String> fields, ExpressionBuilder names) {
        return projection(fields, List.of(), names);
    }

    /** The same, with the vector attributes of {@code modelAttributes} in place of {@link #FEATURES_BY_MODEL}. */
    static String projection(Set<String> fields, Collection<String> modelAttributes, ExpressionBuilder names) {
        Set<String> projected = new LinkedHashSet<>();
        projected.add(ProfileSchema.USER_ID);
        projected.add(ProfileSchema.VERSION);
        // Every read must see the expiry, to treat an expired profile as absent.
        projected.add(ProfileSchema.EXPIRES_AT);
        projected.addAll(fields);
        projected.remove(FEATURES_BY_MODEL);
        projected.addAll(modelAttributes);
        return String.join(", ", projected.stream().map(names::name).toList());
    }
}
