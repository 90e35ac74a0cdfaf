package com.example.profiles.profile;

import java.util.List;

import com.example.profiles.dynamo.ExpressionBuilder;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The HTTP preconditions of a write, enforced by DynamoDB's conditional write itself, never by a
 * read before the write.
 *
 * @param ifMatchAny      {@code If-Match: *}: the profile must exist
 * @param ifMatchVersions {@code If-Match: "3", "4"}: the stored version must be one of these;
 *                        empty when the header is absent
 * @param ifNoneMatchAny  {@code If-None-Match: *}: the profile must not exist
 */
public record WriteCondition(boolean ifMatchAny, List<Long> ifMatchVersions, boolean ifNoneMatchAny) {

    public static final WriteCondition NONE = new WriteCondition(false, List.of(), false);

    public WriteCondition {
        ifMatchVersions = List.copyOf(ifMatchVersions);
    }

    public boolean hasIfMatch() {
        return ifMatchAny || !ifMatchVersions.isEmpty();
    }

    public boolean isNone() {
        return !hasIfMatch() && !ifNoneMatchAny;
    }

    /** Whether a profile of the given version (null when absent) satisfies the If-Match part. */
    public boolean ifMatchHolds(Long storedVersion) {
        if (ifMatchAny) {
            return storedVersion != null || !ifMatchVersions.isEmpty();
        }
        return ifMatchVersions.isEmpty() || (storedVersion != null && ifMatchVersions.contains(storedVersion));
    }

    void addTo(ExpressionBuilder expression) {
        // Names are registered only when used: DynamoDB rejects unused placeholders.
        if (ifNoneMatchAny) {
            expression.condition("attribute_not_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        }
        if (ifMatchAny) {
            expression.condition("attribute_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        }
        if (!ifMatchVersions.isEmpty()) {
            String version = expression.name(ProfileSchema.VERSION);
            List<String> placeholders = ifMatchVersions.stream()
                    .map(v -> expression.value(AttributeValue.fromN(Long.toString(v))))
                    .toList();
            expression.condition(version + " IN (" + String.join(", ", placeholders) + ")");
        }
    }
}
