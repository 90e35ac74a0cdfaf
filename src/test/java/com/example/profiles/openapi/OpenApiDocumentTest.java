package com.example.profiles.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.example.profiles.api.ItemImportRoute;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** /q/openapi documents every endpoint the code serves, its problems and the bearer scheme. */
@QuarkusTest
class OpenApiDocumentTest {

    private static JsonPath document() {
        return given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsEveryEndpointOfTheCode() throws Exception {
        JsonPath doc = document();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        List<String> endpoints = jaxRsEndpoints();
        endpoints.add("post " + ItemImportRoute.PATH);
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(12);
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            assertThat(paths).as("documented paths").containsKey(path);
            assertThat(paths.get(path)).as(endpoint).containsKey(method);
        }
        assertThat(paths.keySet()).containsExactlyInAnyOrder("/v1/users/{user_id}", "/v1/users/batch-get",
                "/v1/users/export", "/v1/users/{user_id}/recommendations", "/v1/items/{item_id}",
                "/v1/items/import", "/v1/catalog", "/v1/catalog/reload");
    }

    @Test
    void declaresTheBearerSchemeAndProblemErrors() {
        JsonPath doc = document();
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        assertThat(doc.getList("security.bearer")).hasSize(1);
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail");
        assertThat(doc.getString("components.responses.Unauthorized.content.'application/problem+json'.schema.$ref"))
                .isEqualTo("#/components/schemas/Problem");
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, value) -> {
            if (!(value instanceof Map<?, ?> operation)) {
                return; // path-level parameters
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses).as(method + " " + path).containsKeys("401", "403");
            assertThat(operation.containsKey("x-roles")).as(method + " " + path + " names its roles").isTrue();
        }));
        assertThat(doc.getString("paths.'/v1/users/{user_id}'.put.requestBody.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/ProfileWrite");
    }

    /** "get /v1/users/{user_id}" for every resource method of the api package. */
    private static List<String> jaxRsEndpoints() throws IOException, ClassNotFoundException {
        List<String> endpoints = new ArrayList<>();
        Path classes = Path.of("target/classes/com/example/profiles/api");
        List<Path> files;
        try (Stream<Path> list = Files.list(classes)) {
            files = list.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
                    .toList();
        }
        for (Path file : files) {
            String name = "com.example.profiles.api." + file.getFileName().toString().replace(".class", "");
            Class<?> type = Class.forName(name);
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String verb = Stream.of(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class))
                        .filter(h -> h != null).map(HttpMethod::value).findFirst().orElse(null);
                if (verb == null) {
                    continue;
                }
                jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                endpoints.add(verb.toLowerCase(Locale.ROOT) + " " + root.value() + (sub == null ? "" : sub.value()));
            }
        }
        return endpoints;
    }
}
