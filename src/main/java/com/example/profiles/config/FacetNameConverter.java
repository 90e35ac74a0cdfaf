package com.example.profiles.config;

import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.Converter;

/** A facet name as filters spell it: a typo or a space in the setting stops the start instead of never matching. */
public class FacetNameConverter implements Converter<String> {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    @Override
    public String convert(String value) {
        String name = value == null ? "" : value.trim();
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a facet name: 1..64 letters, digits, _ and -,"
                    + " starting with a letter or _");
        }
        return name;
    }
}
