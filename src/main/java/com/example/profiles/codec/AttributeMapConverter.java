package com.example.profiles.codec;

import java.util.Map;

import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The schemaless part of a profile stays a DynamoDB map; JSON conversion happens at the edge with
 * the SDK's {@code EnhancedDocument}.
 */
public final class AttributeMapConverter implements AttributeConverter<Map<String, AttributeValue>> {

    public static final EnhancedType<Map<String, AttributeValue>> TYPE = EnhancedType.mapOf(String.class, AttributeValue.class);

    @Override
    public AttributeValue transformFrom(Map<String, AttributeValue> input) {
        return AttributeValue.fromM(input);
    }

    @Override
    public Map<String, AttributeValue> transformTo(AttributeValue input) {
        return input.hasM() ? input.m() : null;
    }

    @Override
    public EnhancedType<Map<String, AttributeValue>> type() {
        return TYPE;
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.M;
    }
}
