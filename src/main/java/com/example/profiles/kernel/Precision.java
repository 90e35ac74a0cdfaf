package com.example.profiles.kernel;

import java.util.Locale;

/** Catalog scan precision: float32, or the exact two-phase search over int8 codes. */
public enum Precision {
    FLOAT32,
    INT8;

    /** From this many rows on, {@code auto} precision scans int8 codes. */
    public static final int AUTO_INT8_MIN_ROWS = 50_000;

    /** The name as configuration and answers spell it: {@code float32} or {@code int8}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
