package com.example.profiles.api.request;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

import com.example.profiles.error.ProblemException;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Request bodies are parsed here rather than bound by the framework, so that every defect gets
 * a precise 400: duplicate keys, trailing garbage, invalid UTF-8, nesting deeper than DynamoDB
 * stores, numbers DynamoDB cannot hold. Floats stay BigDecimal so nothing is rounded on the way.
 */
public final class StrictJson {

    /** DynamoDB nests documents at most 32 levels deep. */
    static final int MAX_DEPTH = 32;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH + 8)
                .maxNumberLength(100)
                .build());
    }

    private StrictJson() {
    }

    public static ObjectNode parseObject(byte[] body, int maxBytes) {
        if (body == null || body.length == 0) {
            throw ProblemException.badRequest("the request body is empty; a JSON object is expected");
        }
        if (body.length > maxBytes) {
            throw ProblemException.tooLarge("the request body exceeds " + maxBytes + " bytes");
        }
        requireUtf8(body);
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw ProblemException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.badRequest("unreadable JSON body: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        requireWellFormedText(node, "$");
        return (ObjectNode) node;
    }

    /**
     * Jackson decodes some malformed UTF-8 leniently (the overlong {@code C0 AF} becomes '/'), so
     * the bytes are checked by the JDK's strict decoder first: overlong forms, encoded surrogates
     * and code points beyond U+10FFFF are refused, as RFC 3629 requires.
     */
    static void requireUtf8(byte[] body) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ProblemException.badRequest("the request body is not valid UTF-8");
        }
    }

    /**
     * JSON lets a string escape a lone surrogate ({@code "\ud800"}); such a string has no UTF-8
     * form, so DynamoDB could not store it and no client could read it back. Rejected anywhere
     * in the document, keys included.
     */
    static void requireWellFormedText(JsonNode node, String path) {
        if (node.isTextual()) {
            requireWellFormed(node.textValue(), path);
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                requireWellFormed(field.getKey(), path + " (a key)");
                requireWellFormedText(field.getValue(), path + "." + field.getKey());
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireWellFormedText(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static void requireWellFormed(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw ProblemException.badRequest(sanitize(path) + " holds an unpaired UTF-16 surrogate, which has no UTF-8 form");
            }
        }
    }

    /** The path may itself contain the bad key; keep the detail printable. */
    private static String sanitize(String path) {
        StringBuilder clean = new StringBuilder(path.length());
        path.codePoints().forEach(cp -> clean.appendCodePoint(Character.isSurrogate((char) cp) ? '?' : cp));
        return clean.toString();
    }

    /** Checks a schemaless document against what DynamoDB can store, naming the offending path. */
    static void requireStorable(JsonNode node, String path, int depth) {
        if (depth > MAX_DEPTH) {
            throw ProblemException.badRequest(path + " nests deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().isEmpty()) {
                    throw ProblemException.badRequest(path + " has an empty key");
                }
                requireStorable(field.getValue(), path + "." + field.getKey(), depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireStorable(node.get(i), path + "[" + i + "]", depth + 1);
            }
        } else if (node.isNumber()) {
            requireDynamoNumber(node.decimalValue(), path);
        }
    }

    /** A vector of 1..max finite numbers, each within float32 range (stored as float32). */
    static float[] floatVector(JsonNode json, String field, int max) {
        if (json == null || !json.isArray()) {
            throw ProblemException.badRequest(field + " must be an array of numbers");
        }
        if (json.isEmpty() || json.size() > max) {
            throw ProblemException.badRequest(field + " must hold 1.." + max + " numbers, not " + json.size());
        }
        float[] vector = new float[json.size()];
        for (int i = 0; i < vector.length; i++) {
            JsonNode n = json.get(i);
            if (!n.isNumber()) {
                throw ProblemException.badRequest(field + "[" + i + "] is not a number");
            }
            float value = n.decimalValue().floatValue();
            if (!Float.isFinite(value)) {
                throw ProblemException.badRequest(field + "[" + i + "] is outside the float32 range");
            }
            vector[i] = value;
        }
        return vector;
    }

    /** DynamoDB numbers: 38 significant digits, magnitude between 1E-130 and 1E+126. */
    private static void requireDynamoNumber(BigDecimal value, String path) {
        if (value.signum() == 0) {
            return;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (stripped.precision() > 38 || exponent < -130 || exponent > 125) {
            throw ProblemException.badRequest(path + " is a number DynamoDB cannot store"
                    + " (at most 38 significant digits, magnitude 1E-130 to 1E+126)");
        }
    }
}
