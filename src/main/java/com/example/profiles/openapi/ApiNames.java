package com.example.profiles.openapi;

/** Names the resources' annotations share with the document definition (package-info). */
public final class ApiNames {

    public static final String BEARER = "bearer";
    public static final String PROFILES = "profiles";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String CATALOG = "catalog";
    public static final String EVENTS = "events";

    public static final String IF_MATCH_DESCRIPTION = "Write only if the stored version has this ETag (or `*`, if it exists).";

    private ApiNames() {
    }
}
