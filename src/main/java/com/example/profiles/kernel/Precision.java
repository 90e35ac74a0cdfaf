package com.example.profiles.kernel;

import java.util.Locale;

/** Catalog scan precision: {@code "float32"}, {@code "int8"} or {@code "auto"} (int8 when rows >= 50 000). */
public enum Precision {
    FLOAT32,
    INT8;

    public static final int AUTO_INT8_MIN_ROWS = 50_000;

    /** The name as configuration and answers spell it: {@code float32} or {@code int8}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param preference "float32" | "int8" | "auto" (null = auto)
     * @throws IllegalArgumentException for any other value
     */
    public static Precision select(String preference, int rows) {
        String p = preference == null ? "auto" : preference.trim().toLowerCase(Locale.ROOT);
        switch (p) {
            case "float32":
                return FLOAT32;
            case "int8":
                return INT8;
            case "auto":
                return rows >= AUTO_INT8_MIN_ROWS ? INT8 : FLOAT32;
            default:
                throw new IllegalArgumentException("precision must be float32, int8 or auto: " + preference);
        }
    }
}
