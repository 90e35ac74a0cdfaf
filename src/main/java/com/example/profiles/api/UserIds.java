package com.example.profiles.api;

import java.util.regex.Pattern;

import com.example.profiles.error.ProblemException;

/** The id rule users and items share: 1..128 characters of {@code [A-Za-z0-9._:@-]}. */
public final class UserIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private UserIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }

    public static String require(String id) {
        return require(id, "user_id");
    }

    public static String requireItem(String id) {
        return require(id, "item_id");
    }

    private static String require(String id, String name) {
        if (!isValid(id)) {
            throw ProblemException.badRequest(name + " must be 1..128 characters of A-Z a-z 0-9 . _ : @ -");
        }
        return id;
    }
}
