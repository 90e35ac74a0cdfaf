package com.example.profiles.model;

import java.util.Locale;

/** Where a model is in its life: defined, answering traffic, or retired (its vectors being removed). */
public enum ModelState {
    STAGED, SERVING, RETIRED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
