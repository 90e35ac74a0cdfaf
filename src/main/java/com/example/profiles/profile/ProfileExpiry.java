package com.example.profiles.profile;

import java.time.Instant;
import java.util.Map;

import com.example.profiles.dynamo.ExpressionBuilder;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * When a profile ceases to exist: at its {@code expires_at} (epoch seconds). DynamoDB deletes an expired
 * item only eventually, so every read treats it as absent and every write conditions on it.
 */
final class ProfileExpiry {

    private ProfileExpiry() {
    }

    static boolean isExpired(Long expiresAt, Instant now) {
        return expiresAt != null && expiresAt <= now.getEpochSecond();
    }

    /** Whether a raw item read from the table is past its expiry. */
    static boolean isExpired(Map<String, AttributeValue> item, Instant now) {
        AttributeValue expires = item.get(ProfileSchema.EXPIRES_AT);
        return expires != null && expires.n() != null && isExpired(Long.parseLong(expires.n()), now);
    }

    /** The write's condition that the stored profile, if any, has not expired at {@code now}. */
    static void requireUnexpired(ExpressionBuilder expression, Instant now) {
        String expires = expression.name(ProfileSchema.EXPIRES_AT);
        expression.condition("attribute_not_exists(" + expires + ") OR " + expires + " > "
                + expression.value(AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
    }
}
