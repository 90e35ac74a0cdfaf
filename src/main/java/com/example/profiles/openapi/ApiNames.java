package com.example.profiles.openapi;

/** Names the resources' annotations share with the document definition (package-info) and its filters. */
public final class ApiNames {

    public static final String BEARER = "bearer";
    public static final String PROFILES = "profiles";
    public static final String RECOMMENDATIONS = "recommendations";
    public static final String CATALOG = "catalog";
    public static final String EVENTS = "events";
    public static final String MODELS = "models";

    /**
     * Operation extension naming the {@code RequestControl.Endpoint} whose ranking controls the operation
     * takes: {@link ControlsFilter} writes them as query parameters, or as the body schema the operation refers
     * to, and removes the extension.
     */
    public static final String CONTROLS = "x-controls";
    /** The body schema of the recommendations POST, written by {@link ControlsFilter}. */
    public static final String RECOMMENDATION_REQUEST = "RecommendationRequest";

    private ApiNames() {
    }
}
