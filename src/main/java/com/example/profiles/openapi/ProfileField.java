package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The names {@code fields} accepts, as the API document lists them (constants are the JSON names,
 * hence lower case); OpenApiDocumentTest holds them to {@code ProfileFields.SELECTABLE}. Never used at run time.
 */
@Schema(name = "ProfileField")
public enum ProfileField {
    user_id, user_name, attributes, user_features, version, updated_at, updated_region,
    /** The user's vector in every model, by model name. */
    features
}
