package com.example.profiles.profile;

import java.util.Map;

import com.example.profiles.codec.FeatureVectorConverter;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.model.ModelNames;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;

/**
 * When a user's vector in one model is valid, as every writer of a vector keeps it: the profile row holds the
 * current vector and since when it is valid, and a write that replaces or removes it commits, in the same
 * transaction, the history row of the range {@code [since, replaced at)} it was valid in. The profile PUT and
 * PATCH of {@code user_features} and the per-model vector writes share this, so the history never misses a
 * range whichever path replaced the vector.
 */
final class VectorValidity {

    private static final FeatureVectorConverter FEATURES = new FeatureVectorConverter();

    private final FeatureHistoryStore history;

    VectorValidity(FeatureHistoryStore history) {
        this.history = history;
    }

    /**
     * Sets {@code model}'s vector and since when it is valid, or removes both ({@code features} null). For
     * {@code default}, the copy of a replaced vector that earlier versions of the service kept in the item goes
     * too: the history row now replaces it.
     */
    static void set(ExpressionBuilder expression, String model, float[] features, String since) {
        String current = expression.name(ModelDefinition.userAttribute(model));
        String start = expression.name(ModelDefinition.userSinceAttribute(model));
        if (features != null) {
            expression.set(current, expression.value(FEATURES.transformFrom(features)));
            expression.set(start, expression.value(AttributeValue.fromS(since)));
        } else {
            expression.remove(current);
            expression.remove(start);
        }
        if (ModelNames.DEFAULT.equals(model)) {
            expression.remove(expression.name(ProfileSchema.PREVIOUS_FEATURES));
            expression.remove(expression.name(ProfileSchema.PREVIOUS_FEATURES_SINCE));
        }
    }

    /**
     * The history row of the {@code model} vector {@code base} holds, valid until {@code until}; null when there is
     * none to record. A vector whose start is unknown (written before the history existed) is left out rather
     * than given a guessed start, and so is one that never was valid (its start is not before {@code until}).
     */
    Put replaced(String userId, String model, Map<String, AttributeValue> base, String until) {
        AttributeValue vector = base == null ? null : base.get(ModelDefinition.userAttribute(model));
        AttributeValue since = base == null ? null : base.get(ModelDefinition.userSinceAttribute(model));
        if (vector == null || since == null || since.s() == null || Boolean.TRUE.equals(vector.nul())
                || since.s().compareTo(until) >= 0) {
            return null;
        }
        float[] previous = FEATURES.transformTo(vector);
        return previous == null ? null : history.validity(userId, model, since.s(), until, previous);
    }

    /** The {@code model} vector {@code item} holds, or null. */
    static float[] current(Map<String, AttributeValue> item, String model) {
        AttributeValue vector = item == null ? null : item.get(ModelDefinition.userAttribute(model));
        return vector == null || Boolean.TRUE.equals(vector.nul()) ? null : FEATURES.transformTo(vector);
    }

    /**
     * The start of {@code item}'s current {@code model} vector when {@code eventTime} is not after it (a vector
     * valid from then would end before it starts), else null.
     */
    static String startNotBefore(Map<String, AttributeValue> item, String model, String eventTime) {
        String since = text(item, ModelDefinition.userSinceAttribute(model));
        return current(item, model) != null && since != null && since.compareTo(eventTime) >= 0 ? since : null;
    }

    /** Text of a string attribute of {@code item}, or null. */
    static String text(Map<String, AttributeValue> item, String attribute) {
        AttributeValue value = item == null ? null : item.get(attribute);
        return value == null ? null : value.s();
    }
}
