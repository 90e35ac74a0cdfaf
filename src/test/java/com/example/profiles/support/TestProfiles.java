package com.example.profiles.support;

import java.util.UUID;

/** Profiles the HTTP tests share. */
public final class TestProfiles {

    /** A profile with a nested schemaless attributes document and three features. */
    public static final String ALICE = Json.object()
            .put("user_name", "Alice Example")
            .put("attributes", Json.object()
                    .put("email", "alice@example.com")
                    .put("interests", Json.array("sf", "history"))
                    .put("address", Json.object().put("city", "Lyon").put("zip", "69001"))
                    .put("score", 12.5)
                    .put("vip", true)
                    .put("note", null))
            .put("user_features", Json.array(0.5, -1.25, 3.0))
            .toString();

    private TestProfiles() {
    }

    /** A fresh user id, so that tests sharing one engine never meet. */
    public static String newId() {
        return "u-" + UUID.randomUUID();
    }
}
