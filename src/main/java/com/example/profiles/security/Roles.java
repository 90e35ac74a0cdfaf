package com.example.profiles.security;

import java.util.List;

/** The roles a caller's JWT carries in its {@code groups} claim. */
public final class Roles {

    public static final String PROFILES_READ = "profiles:read";
    public static final String PROFILES_WRITE = "profiles:write";
    public static final String CATALOG_WRITE = "catalog:write";
    public static final String EXPORT = "export";
    public static final String EVENTS_WRITE = "events:write";
    /** Listing models, the traffic split, experiment reports and evaluations. */
    public static final String MODELS_READ = "models:read";
    /** Model definitions, their item and user vectors, the split, starting evaluations. */
    public static final String MODELS_WRITE = "models:write";

    public static final List<String> ALL = List.of(PROFILES_READ, PROFILES_WRITE, CATALOG_WRITE, EXPORT, EVENTS_WRITE,
            MODELS_READ, MODELS_WRITE);

    private Roles() {
    }
}
