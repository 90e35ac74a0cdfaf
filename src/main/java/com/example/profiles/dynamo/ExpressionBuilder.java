package com.example.profiles.dynamo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Collects the clauses of one UpdateItem call. Every name and value goes through a placeholder,
 * so user-chosen map keys (any characters, reserved words) can never break or inject into the
 * expression.
 */
public final class ExpressionBuilder {

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, String> placeholderByName = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    /** A document path such as {@code #n0.#n1} for the given segments. */
    public String path(List<String> segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            if (path.length() > 0) {
                path.append('.');
            }
            path.append(name(segment));
        }
        return path.toString();
    }

    public String name(String attributeName) {
        return placeholderByName.computeIfAbsent(attributeName, n -> {
            String placeholder = "#n" + names.size();
            names.put(placeholder, n);
            return placeholder;
        });
    }

    public String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    public ExpressionBuilder set(String path, String valueExpression) {
        sets.add(path + " = " + valueExpression);
        return this;
    }

    public ExpressionBuilder remove(String path) {
        removes.add(path);
        return this;
    }

    public ExpressionBuilder condition(String condition) {
        conditions.add(condition);
        return this;
    }

    public String updateExpression() {
        StringBuilder expression = new StringBuilder();
        if (!sets.isEmpty()) {
            expression.append("SET ").append(String.join(", ", sets));
        }
        if (!removes.isEmpty()) {
            if (expression.length() > 0) {
                expression.append(' ');
            }
            expression.append("REMOVE ").append(String.join(", ", removes));
        }
        return expression.toString();
    }

    /** The AND of all conditions, or null when there is none. */
    public String conditionExpression() {
        if (conditions.isEmpty()) {
            return null;
        }
        return conditions.size() == 1 ? conditions.get(0) : "(" + String.join(") AND (", conditions) + ")";
    }

    public Map<String, String> names() {
        return names;
    }

    /** Value placeholders, or null when there is none (DynamoDB rejects an empty map). */
    public Map<String, AttributeValue> values() {
        return values.isEmpty() ? null : values;
    }
}
