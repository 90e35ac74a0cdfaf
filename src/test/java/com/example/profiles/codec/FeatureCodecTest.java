package com.example.profiles.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FeatureCodecTest {

    @Test
    void encodesLittleEndianFloat32() {
        byte[] bytes = FeatureCodec.encode(new float[] { 1.0f, -2.5f });
        // 1.0f = 0x3F800000, -2.5f = 0xC0200000, least significant byte first (numpy's tobytes on x86).
        assertThat(bytes).containsExactly(0x00, 0x00, (byte) 0x80, 0x3F, 0x00, 0x00, 0x20, (byte) 0xC0);
        assertThat(FeatureCodec.decode(bytes)).containsExactly(1.0f, -2.5f);
    }

    @Test
    void roundTripsExtremeValues() {
        float[] values = { Float.MIN_VALUE, Float.MAX_VALUE, -0.0f, 1e-30f, 123456.789f };
        assertThat(FeatureCodec.decode(FeatureCodec.encode(values))).containsExactly(values);
    }

    @Test
    void rejectsTruncatedBinary() {
        assertThatThrownBy(() -> FeatureCodec.decode(new byte[] { 1, 2, 3 })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsLegacyJsonText() {
        assertThat(FeatureCodec.decodeLegacyJson("[0.5, -1, 2e2]")).containsExactly(0.5f, -1f, 200f);
        assertThatThrownBy(() -> FeatureCodec.decodeLegacyJson("{\"a\": 1}")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> FeatureCodec.decodeLegacyJson("[\"a\"]")).isInstanceOf(IllegalStateException.class);
    }
}
