package com.example.profiles.codec;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Binary float32 on write; binary or the legacy JSON string on read. */
public final class FeatureVectorConverter implements AttributeConverter<float[]> {

    @Override
    public AttributeValue transformFrom(float[] input) {
        return AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(FeatureCodec.encode(input)));
    }

    @Override
    public float[] transformTo(AttributeValue input) {
        if (input.b() != null) {
            return FeatureCodec.decode(input.b().asByteArrayUnsafe());
        }
        if (input.s() != null) {
            return FeatureCodec.decodeLegacyJson(input.s());
        }
        return null;
    }

    @Override
    public EnhancedType<float[]> type() {
        return EnhancedType.of(float[].class);
    }

    @Override
    public AttributeValueType attributeValueType() {
        return AttributeValueType.B;
    }
}
