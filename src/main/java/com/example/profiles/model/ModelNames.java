package com.example.profiles.model;

import java.util.Set;
import java.util.regex.Pattern;

import com.example.profiles.error.ProblemException;

/** What a model may be called: it names endpoints and stored attributes, so the rules are strict. */
public final class ModelNames {

    /** The model every existing vector belongs to: {@code embedding} of items, {@code user_features} of users. */
    public static final String DEFAULT = "default";
    /** Names that are endpoints beside the models. */
    public static final Set<String> RESERVED = Set.of("traffic", "report");

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private ModelNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches() && !RESERVED.contains(name);
    }

    /** @throws ProblemException 400 naming the rule the name breaks */
    public static String require(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ProblemException.badRequest("model must be 1..64 characters of a-z 0-9 . _ -, starting with a"
                    + " letter or digit");
        }
        if (RESERVED.contains(name)) {
            throw ProblemException.badRequest("'" + name + "' is reserved (it names an endpoint); choose another"
                    + " model name");
        }
        return name;
    }
}
