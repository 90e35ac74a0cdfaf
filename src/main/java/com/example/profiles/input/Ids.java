package com.example.profiles.input;

import java.util.regex.Pattern;

import com.example.profiles.error.ProblemException;

/**
 * The one id alphabet of users, items and events: they end up in keys, sort keys and URLs, so an id needs no
 * escaping anywhere. The API document states the same {@link #PATTERN}.
 */
public final class Ids {

    /** 1..128 characters of {@code [A-Za-z0-9._:@-]}. */
    public static final String PATTERN = "[A-Za-z0-9._:@-]{1,128}";
    /** {@link #PATTERN} anchored, as the API document writes a pattern. */
    public static final String ANCHORED = "^" + PATTERN + "$";
    /** The rule as a problem states it, after the name of the id. */
    public static final String RULE = "must be 1..128 characters of A-Z a-z 0-9 . _ : @ -";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Ids() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    /** {@code id}, or a 400 naming it {@code name} when it breaks the rule. */
    public static String require(String id, String name) {
        if (!isValid(id)) {
            throw ProblemException.badRequest(name + " " + RULE);
        }
        return id;
    }

    public static String user(String id) {
        return require(id, "user_id");
    }

    public static String item(String id) {
        return require(id, "item_id");
    }
}
