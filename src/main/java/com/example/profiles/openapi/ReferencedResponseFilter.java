package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The scanner gives a method's 200 response the default description "OK" even when the annotation
 * refers to a shared response; beside a {@code $ref} it would be ignored by readers or clash with
 * the shared text, so it goes. Runs once at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ReferencedResponseFilter implements OASFilter {

    @Override
    public APIResponse filterAPIResponse(APIResponse response) {
        if (response.getRef() != null) {
            response.setDescription(null);
        }
        return response;
    }
}
