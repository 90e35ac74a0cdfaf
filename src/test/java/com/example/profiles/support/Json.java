package com.example.profiles.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds JSON request bodies for tests, so that values are escaped by Jackson rather than concatenated
 * into strings: {@code Json.object().put("user_name", name).put("user_features", Json.array(0.5, 1)).toString()}.
 * Deliberately malformed bodies (the hostile-input cases) stay literal strings.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static Obj object() {
        return new Obj(MAPPER.createObjectNode());
    }

    /** An array of the given values (strings, numbers, booleans, null, nested {@link Obj} or arrays). */
    public static ArrayNode array(Object... values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (Object v : values) {
            array.add(MAPPER.valueToTree(v instanceof Obj o ? o.node : v));
        }
        return array;
    }

    /** An array of the given numbers, e.g. an embedding. */
    public static ArrayNode numbers(float... values) {
        ArrayNode array = MAPPER.createArrayNode();
        for (float v : values) {
            array.add(v);
        }
        return array;
    }

    /** A JSON object under construction; {@link #toString()} is its text. */
    public static final class Obj {
        private final ObjectNode node;

        private Obj(ObjectNode node) {
            this.node = node;
        }

        public Obj put(String field, Object value) {
            node.set(field, MAPPER.valueToTree(value instanceof Obj o ? o.node : value));
            return this;
        }

        @Override
        public String toString() {
            return node.toString();
        }
    }
}
