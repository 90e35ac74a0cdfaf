package com.example.profiles.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Feature vectors as stored: little-endian float32, 4 bytes per number (what numpy's
 * {@code tobytes()} gives on the boto3 side). Older items hold a JSON string of numbers instead;
 * those are still read.
 */
public final class FeatureCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeatureCodec() {
    }

    public static byte[] encode(float[] features) {
        ByteBuffer buffer = ByteBuffer.allocate(features.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(features);
        return buffer.array();
    }

    public static float[] decode(byte[] bytes) {
        if (bytes.length % Float.BYTES != 0) {
            throw new IllegalStateException("stored feature vector has " + bytes.length + " bytes, not a multiple of 4");
        }
        FloatBuffer floats = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] features = new float[floats.remaining()];
        floats.get(features);
        return features;
    }

    /** Reads the legacy form, a JSON array of numbers written as a string attribute. */
    public static float[] decodeLegacyJson(String json) {
        JsonNode array;
        try {
            array = JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("stored legacy feature vector is not JSON", e);
        }
        if (array == null || !array.isArray()) {
            throw new IllegalStateException("stored legacy feature vector is not a JSON array");
        }
        float[] features = new float[array.size()];
        for (int i = 0; i < features.length; i++) {
            JsonNode n = array.get(i);
            if (!n.isNumber()) {
                throw new IllegalStateException("stored legacy feature vector holds a non-number at " + i);
            }
            features[i] = (float) n.doubleValue();
        }
        return features;
    }
}
