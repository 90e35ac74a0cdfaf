package com.example.profiles.openapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.example.profiles.api.http.RequestGuards;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The error answers that do not depend on the operation, added here once instead of on each: the checks
 * before any resource (a malformed path is 400, a missing or bad token 401, a missing role 403), the
 * admission limit and the store's outages (503), and for an operation with a body its media type (415) and,
 * unless it streams, {@link RequestGuards}' size limit (413). An answer the operation words itself (the
 * import's 503) is kept; the answers of the operation's own logic (404, 409, 412, 422) stay with it. Runs
 * once at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CommonResponsesFilter implements OASFilter {

    private static final Map<String, String> EVERY_OPERATION = Map.of("400", "BadRequest", "401", "Unauthorized",
            "403", "Forbidden", "503", "Unavailable");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().values()
                .forEach(operation -> addTo(operation, common(operation, path))));
    }

    private static Map<String, String> common(Operation operation, String path) {
        Map<String, String> common = new LinkedHashMap<>(EVERY_OPERATION);
        if (operation.getRequestBody() != null) {
            common.put("415", "UnsupportedMediaType");
            if (!RequestGuards.isStreamingUpload(path)) {
                common.put("413", "TooLarge");
            }
        }
        return common;
    }

    private static void addTo(Operation operation, Map<String, String> common) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        common.forEach((status, name) -> {
            if (!responses.hasAPIResponse(status)) {
                responses.addAPIResponse(status, OASFactory.createAPIResponse().ref(name));
            }
        });
        // By status, as a reader looks them up.
        responses.setAPIResponses(new TreeMap<>(responses.getAPIResponses()));
    }
}
