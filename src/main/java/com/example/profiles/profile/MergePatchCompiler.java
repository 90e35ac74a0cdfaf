package com.example.profiles.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.dynamo.ExpressionBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns an RFC 7396 merge patch of the {@code attributes} document into SET / REMOVE clauses on
 * nested paths of one UpdateItem.
 * <p>
 * A nested object in the patch merges into the stored value only when that value is a map;
 * otherwise it replaces it. A single UpdateItem cannot branch on that, so the compiler emits the
 * shape it assumes as conditions ({@code attribute_type(path, :M)} or its negation). The first
 * attempt assumes maps everywhere; when DynamoDB rejects the condition, the store compiles again
 * against the shape of the item it was shown and retries. Values are never read and written back,
 * so concurrent writers of other keys cannot be lost.
 */
final class MergePatchCompiler {

    private static final AttributeValue MAP_TYPE = AttributeValue.fromS("M");

    /** The stored attributes document, when known; null to assume every merged path is a map. */
    private final Map<String, AttributeValue> storedRoot;
    private final ExpressionBuilder expression;
    private String mapType;

    MergePatchCompiler(ExpressionBuilder expression, Map<String, AttributeValue> storedItem) {
        this.expression = expression;
        this.storedRoot = storedItem;
    }

    /** Emits the clauses for {@code patch} applied at the top-level attribute {@code attributeName}. */
    void compile(String attributeName, ObjectNode patch) {
        List<String> path = List.of(attributeName);
        mergeOrReplace(path, patch, storedRoot == null ? null : storedRoot.get(attributeName), storedRoot == null);
    }

    private void mergeOrReplace(List<String> path, ObjectNode patch, AttributeValue stored, boolean assumeMap) {
        String pathExpression = expression.path(path);
        if (assumeMap || (stored != null && stored.hasM())) {
            expression.condition("attribute_type(" + pathExpression + ", " + mapType() + ")");
            patch.fields().forEachRemaining(field -> {
                List<String> child = append(path, field.getKey());
                JsonNode value = field.getValue();
                if (value.isNull()) {
                    expression.remove(expression.path(child));
                } else if (value.isObject()) {
                    AttributeValue storedChild = stored == null || !stored.hasM() ? null : stored.m().get(field.getKey());
                    mergeOrReplace(child, (ObjectNode) value, storedChild, assumeMap);
                } else {
                    expression.set(expression.path(child), expression.value(JsonAttributes.toValue(value)));
                }
            });
        } else {
            expression.condition("NOT attribute_type(" + pathExpression + ", " + mapType() + ")");
            expression.set(pathExpression, expression.value(JsonAttributes.toValue(withoutNulls(patch))));
        }
    }

    private String mapType() {
        if (mapType == null) {
            mapType = expression.value(MAP_TYPE);
        }
        return mapType;
    }

    /** RFC 7396 applied to a non-object target: the patch itself, minus its null members. */
    static ObjectNode withoutNulls(ObjectNode patch) {
        ObjectNode copy = patch.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(ObjectNode node) {
        var fields = node.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getValue().isNull()) {
                fields.remove();
            } else if (field.getValue().isObject()) {
                strip((ObjectNode) field.getValue());
            }
        }
    }

    private static List<String> append(List<String> path, String segment) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(segment);
        return child;
    }
}
