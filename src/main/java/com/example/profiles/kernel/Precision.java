package com.example.profiles.kernel;

import java.util.Locale;

/** Catalog scan precision: float32, or the exact two-phase search over int8 codes. */
public enum Precision {
    FLOAT32,
    INT8;

    /**
     * From this many rows on, {@code auto} precision scans int8 codes. Measured with JMH, one query on one core
     * (AVX-512 and AVX2 species, JDK 17 and 25), the exact int8 search already beats the float32 scan at 1,000
     * x 64 (7 vs 9 µs) and costs half of it from 5,000 rows (21-25 vs 41-47 µs); below that both are a few
     * microseconds and the float32 matrix alone is the smaller snapshot.
     */
    public static final int AUTO_INT8_MIN_ROWS = 5_000;

    /** The name as configuration and answers spell it: {@code float32} or {@code int8}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
