package com.example.profiles.codec;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Schemaless JSON to and from DynamoDB attribute values, by the SDK's own document converter. */
public final class JsonAttributes {

    private static final String WRAPPER = "v";

    private JsonAttributes() {
    }

    public static Map<String, AttributeValue> toMap(JsonNode object) {
        return EnhancedDocument.fromJson(object.toString()).toMap();
    }

    public static AttributeValue toValue(JsonNode value) {
        return EnhancedDocument.fromJson("{\"" + WRAPPER + "\":" + value + "}").toMap().get(WRAPPER);
    }

    public static String toJson(Map<String, AttributeValue> map) {
        return EnhancedDocument.fromAttributeValueMap(map).toJson();
    }
}
