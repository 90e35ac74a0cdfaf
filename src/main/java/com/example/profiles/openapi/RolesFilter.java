package com.example.profiles.openapi;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;

import com.example.profiles.security.EndpointRoles;
import com.example.profiles.security.Roles;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes each operation's roles ({@code x-roles}) from the table the security check enforces, so
 * the document cannot drift from it. Runs once at build time; nothing of it is left at run time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class RolesFilter implements OASFilter {

    static final String EXTENSION = "x-roles";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach(this::annotate);
    }

    private void annotate(String path, PathItem item) {
        for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
            List<String> roles = EndpointRoles.required(entry.getKey().name().toUpperCase(Locale.ROOT), path)
                    .stream().sorted(Comparator.comparingInt(Roles.ALL::indexOf)).toList();
            if (!roles.isEmpty()) {
                entry.getValue().addExtension(EXTENSION, roles);
            }
        }
    }
}
