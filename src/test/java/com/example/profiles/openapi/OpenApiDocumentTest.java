package com.example.profiles.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.example.profiles.api.ItemImportRoute;
import com.example.profiles.api.ModelItemImportRoute;
import com.example.profiles.api.UserImportRoute;
import com.example.profiles.api.view.BatchGetResponse;
import com.example.profiles.api.view.CatalogInfo;
import com.example.profiles.api.view.EvaluationView;
import com.example.profiles.api.view.EventViews;
import com.example.profiles.api.view.ItemView;
import com.example.profiles.api.view.ProfileView;
import com.example.profiles.api.view.ReportViews;
import com.example.profiles.error.Problem;
import com.example.profiles.kernel.ExactSearch;
import com.example.profiles.profile.ProfileFields;
import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.SimilarItems;
import com.example.profiles.security.EndpointRoles;
import com.example.profiles.security.Roles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * /q/openapi, generated from the resources' annotations plus the import route's static fragment,
 * documents exactly the endpoints the code serves, with their roles, bodies, problems and the
 * bearer scheme, and its schemas name the properties the views really serialize.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private static JsonPath document() {
        return given().accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documentsExactlyTheEndpointsOfTheCode() throws Exception {
        JsonPath doc = document();
        Set<String> served = new TreeSet<>(jaxRsEndpoints().keySet());
        served.add("post " + ItemImportRoute.PATH);
        served.add("post " + ModelItemImportRoute.PATH);
        served.add("post " + UserImportRoute.PATH);
        assertThat(served).hasSizeGreaterThanOrEqualTo(12);
        assertThat(documentedOperations(doc).keySet()).as("documented operations").isEqualTo(served);
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        assertThat(paths.keySet()).containsExactlyInAnyOrder("/v1/users/{user_id}", "/v1/users/batch-get",
                "/v1/users/export", "/v1/users/{user_id}/recommendations", "/v1/items/{item_id}",
                "/v1/items/import", "/v1/catalog", "/v1/catalog/reload", "/v1/items/{item_id}/similar",
                "/v1/users/{user_id}/events", "/v1/training/events",
                "/v1/models", "/v1/models/traffic", "/v1/models/report", "/v1/models/{model}",
                "/v1/models/{model}/items/{item_id}", "/v1/models/{model}/items/import",
                "/v1/models/{model}/users/{user_id}/features", "/v1/models/{model}/users/import",
                "/v1/models/{model}/evaluations", "/v1/models/{model}/evaluations/{id}");
    }

    @Test
    void documentsEveryRecommendationControl() {
        JsonPath doc = document();
        String get = "paths.'/v1/users/{user_id}/recommendations'.get.parameters";
        assertThat(doc.getList(get + ".name", String.class)).contains("k", "offset", "metric", "exclude",
                "exclude_ids", "filter", "max_per", "explain", "fallback");
        assertThat(doc.getString(get + ".find { it.name == 'filter' }.example")).contains("in_stock");
        assertThat(doc.getString(get + ".find { it.name == 'max_per' }.example")).isEqualTo("series:1");
        assertThat(doc.getList(get + ".find { it.name == 'fallback' }.schema.enum", String.class))
                .containsExactly("popular", "interests");
        assertThat(doc.getMap("components.schemas.RecommendationRequest.properties")).containsKeys("k", "offset",
                "metric", "exclude", "exclude_ids", "filter", "max_per", "explain", "fallback");
        assertThat(doc.getMap("components.schemas.RecommendationModel.properties")).containsKeys("strategy",
                "constraints", "passed_filter", "scan", "scanned");
        assertThat(doc.getList("components.schemas.RecommendationModel.properties.scan.enum", String.class))
                .containsExactly("full", "gather", "pruned");
        assertThat(doc.getMap("components.schemas.ScoredItem.properties")).containsKey("because");
        String similar = "paths.'/v1/items/{item_id}/similar'.get.parameters";
        assertThat(doc.getList(similar + ".name", String.class)).contains("k", "offset", "metric", "exclude_ids",
                "filter", "max_per").doesNotContain("fallback", "explain", "exclude");
    }

    @Test
    void declaresTheBearerSchemeAndProblemErrors() {
        JsonPath doc = document();
        assertThat(doc.getString("components.securitySchemes.bearer.type")).isEqualTo("http");
        assertThat(doc.getString("components.securitySchemes.bearer.scheme")).isEqualTo("bearer");
        assertThat(doc.getString("components.securitySchemes.bearer.bearerFormat")).isEqualTo("JWT");
        assertThat(doc.getMap("components.securitySchemes")).containsOnlyKeys("bearer");
        assertThat(doc.getList("security.bearer")).hasSize(1);
        assertThat(doc.getMap("components.schemas.Problem.properties")).containsKeys("type", "title", "status", "detail");
        assertThat(doc.getList("components.schemas.Problem.required", String.class))
                .containsExactlyInAnyOrder("type", "title", "status");
        assertThat(doc.getString("components.responses.Unauthorized.content.'application/problem+json'.schema.$ref"))
                .isEqualTo(PROBLEM_REF);
        documentedOperations(doc).forEach((endpoint, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertThat(responses).as(endpoint).containsKeys("401", "403");
            assertThat(operation).as(endpoint + " has an id, a summary and a tag")
                    .containsKeys("operationId", "summary", "tags");
        });
        assertThat(doc.getString("paths.'/v1/users/{user_id}'.put.requestBody.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/ProfileWrite");
    }

    @Test
    void namesTheRolesTheSecurityCheckEnforces() {
        documentedOperations(document()).forEach((endpoint, operation) -> {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toUpperCase(Locale.ROOT);
            String path = endpoint.substring(endpoint.indexOf(' ') + 1);
            List<String> enforced = EndpointRoles.required(method, path).stream()
                    .sorted(Comparator.comparingInt(Roles.ALL::indexOf)).toList();
            assertThat(enforced).as(endpoint + " is in the role table").isNotEmpty();
            assertThat(operation.get("x-roles")).as(endpoint + " x-roles").isEqualTo(enforced);
        });
    }

    @Test
    void everyResponseHasABodySchemaAndEveryErrorIsAProblem() {
        JsonPath doc = document();
        Map<String, Map<String, Object>> shared = doc.getMap("components.responses");
        documentedOperations(doc).forEach((endpoint, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, declared) -> {
                String where = endpoint + " " + status;
                Map<String, Object> response = resolve(declared, shared, where);
                assertThat(response.get("description")).as(where + " description").isInstanceOf(String.class);
                if (status.equals("204")) {
                    assertThat(response).as(where + " has no body").doesNotContainKey("content");
                    return;
                }
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) response.get("content");
                assertThat(content).as(where + " content").isNotEmpty();
                content.forEach((type, media) -> assertThat(media.get("schema")).as(where + " " + type + " schema")
                        .isInstanceOf(Map.class));
                if (Integer.parseInt(status) >= 400) {
                    assertThat(content).as(where).containsOnlyKeys(Problem.MEDIA_TYPE);
                    assertThat(content.get(Problem.MEDIA_TYPE).get("schema")).as(where)
                            .isEqualTo(Map.of("$ref", PROBLEM_REF));
                }
            });
        });
    }

    @Test
    void requestBodiesMatchWhatTheResourcesConsume() throws Exception {
        JsonPath doc = document();
        Map<String, Map<String, Object>> operations = documentedOperations(doc);
        Map<String, Method> methods = jaxRsEndpoints();
        methods.forEach((endpoint, method) -> {
            Consumes consumes = method.getAnnotation(Consumes.class);
            Object body = operations.get(endpoint).get("requestBody");
            if (consumes == null) {
                assertThat(body).as(endpoint + " takes no body").isNull();
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> request = (Map<String, Object>) body;
            assertThat(request).as(endpoint + " body").containsEntry("required", true);
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> content = (Map<String, Map<String, Object>>) request.get("content");
            assertThat(content.keySet()).as(endpoint + " media types").containsExactlyInAnyOrder(consumes.value());
            content.forEach((type, media) -> assertThat(((Map<?, ?>) media.get("schema")).get("$ref"))
                    .as(endpoint + " " + type).isNotNull());
        });
        assertThat(doc.getString("paths.'/v1/items/import'.post.requestBody.content.'application/x-ndjson'.schema.$ref"))
                .isEqualTo("#/components/schemas/ItemImportLine");
        for (String strict : List.of("ProfileWrite", "ProfilePatch", "BatchGetRequest", "ItemWrite")) {
            assertThat(doc.getBoolean("components.schemas." + strict + ".additionalProperties"))
                    .as(strict + " rejects unknown fields, as the parser does").isFalse();
        }
        assertThat(doc.getList("components.schemas.ProfileWrite.required", String.class)).containsExactly("user_name");
        assertThat(doc.getInt("components.schemas.ProfileWrite.properties.user_name.maxLength")).isEqualTo(1024);
        // embedding is optional: without one, an item write leaves the item's stored vectors alone
        assertThat(doc.getList("components.schemas.ItemWrite.required", String.class)).containsExactly("title");
        assertThat(doc.getString("paths.'/v1/models/{model}/items/import'.post.requestBody.content.'application/x-ndjson'"
                + ".schema.$ref")).isEqualTo("#/components/schemas/ItemVectorImportLine");
        assertThat(doc.getList("components.schemas.ItemVectorWrite.required", String.class)).containsExactly("embedding");
        assertThat(doc.getBoolean("components.schemas.ItemVectorWrite.additionalProperties")).isFalse();
        assertThat(doc.getInt("components.schemas.BatchGetRequest.properties.user_ids.maxItems")).isEqualTo(100);
    }

    @Test
    void parametersCarryTheirConstraintsDefaultsAndExamples() {
        JsonPath doc = document();
        Map<String, Map<String, Object>> recommend = parameters(doc, "/v1/users/{user_id}/recommendations", "get");
        assertThat(recommend.get("k").get("schema")).isEqualTo(Map.of("type", "integer", "minimum", 1,
                "maximum", ExactSearch.MAX_K, "default", 10));
        assertThat(recommend.get("metric").get("schema")).isEqualTo(Map.of("type", "string",
                "enum", List.of("dot", "cosine"), "default", "dot"));
        assertThat(recommend.get("exclude").get("schema")).isEqualTo(Map.of("type", "string", "enum", List.of("seen")));
        assertThat(recommend.get("user_id")).containsEntry("in", "path").containsEntry("required", true);
        assertThat(parameters(doc, "/v1/users/export", "get").get("segments").get("schema"))
                .isEqualTo(Map.of("type", "integer", "minimum", 1));
        Map<String, Map<String, Object>> get = parameters(doc, "/v1/users/{user_id}", "get");
        assertThat(get.get("fields")).containsEntry("style", "form").containsEntry("explode", true);
        assertThat(doc.getList("components.schemas.ProfileField.enum", String.class))
                .as("the fields a caller may select").isEqualTo(ProfileFields.SELECTABLE);
        for (String method : List.of("put", "patch", "delete")) {
            assertThat(parameters(doc, "/v1/users/{user_id}", method)).as(method).containsKey("If-Match");
        }
        assertThat(parameters(doc, "/v1/users/{user_id}", "put")).containsKey("If-None-Match");
        assertThat(doc.getString("components.schemas.Problem.properties.type.example")).isEqualTo("about:blank");
        assertThat(doc.getString("components.responses.Unauthorized.headers.WWW-Authenticate.schema.example"))
                .isEqualTo("Bearer");
        assertThat(doc.getString("components.responses.Unavailable.headers.Retry-After.schema.type")).isEqualTo("integer");
        assertThat(doc.getString("paths.'/v1/users/{user_id}'.get.responses.'200'.headers.ETag.$ref"))
                .isEqualTo("#/components/headers/ETag");
    }

    @Test
    void schemasNameThePropertiesTheViewsSerialize() {
        JsonPath doc = document();
        Map<String, Class<?>> views = Map.ofEntries(Map.entry("Profile", ProfileView.class),
                Map.entry("Item", ItemView.class), Map.entry("BatchGetResponse", BatchGetResponse.class),
                Map.entry("CatalogInfo", CatalogInfo.class), Map.entry("Recommendation", Recommendation.class),
                Map.entry("RecommendationModel", Recommendation.Model.class),
                Map.entry("ScoredItem", Recommendation.ScoredItem.class), Map.entry("SimilarItems", SimilarItems.class),
                Map.entry("EventResult", EventViews.Result.class), Map.entry("Event", EventViews.Event.class),
                Map.entry("ExperimentReport", ReportViews.Report.class), Map.entry("ExperimentArm", ReportViews.Arm.class),
                Map.entry("ExperimentRate", ReportViews.Rate.class), Map.entry("ExperimentAmount", ReportViews.Amount.class),
                Map.entry("ExperimentLifts", ReportViews.Lifts.class),
                Map.entry("ExperimentLift", ReportViews.Comparison.class), Map.entry("Problem", Problem.class),
                Map.entry("Evaluation", EvaluationView.class), Map.entry("EvaluationFigures", EvaluationView.Figures.class));
        ObjectMapper json = new ObjectMapper();
        views.forEach((schema, view) -> {
            List<String> serialized = json.getSerializationConfig().introspect(json.constructType(view))
                    .findProperties().stream().map(BeanPropertyDefinition::getName).toList();
            assertThat(doc.getMap("components.schemas." + schema + ".properties").keySet()).as(schema)
                    .containsExactlyInAnyOrderElementsOf(serialized);
        });
    }

    @Test
    void documentsTheAnswersIdsTheEventsAttributionAndTheReport() {
        JsonPath doc = document();
        assertThat(doc.getString("components.schemas.Recommendation.properties.recommendation_id.type")).isEqualTo("string");
        assertThat(doc.getString("components.schemas.SimilarItems.properties.recommendation_id.type")).isEqualTo("string");
        assertThat(doc.getMap("components.schemas.EventWrite.properties")).containsKeys("recommendation_id", "position");
        assertThat(doc.getInt("components.schemas.EventWrite.properties.position.minimum")).isEqualTo(1);
        assertThat(doc.getList("components.schemas.EventResult.properties.attribution.enum", String.class))
                .containsExactly("attributed", "off_page", "ignored");
        assertThat(doc.getString("components.schemas.EventResult.properties.detail.type")).isEqualTo("string");

        String report = "paths.'/v1/models/report'.get";
        assertThat(doc.getString(report + ".responses.'200'.content.'application/json'.schema.$ref"))
                .isEqualTo("#/components/schemas/ExperimentReport");
        assertThat(parameters(doc, "/v1/models/report", "get").keySet()).containsExactlyInAnyOrder("since", "until");
        assertThat(doc.getString(report + ".responses.'400'.$ref")).isEqualTo("#/components/responses/BadRequest");
        assertThat(doc.getMap("components.schemas.ExperimentLift.properties")).containsKeys("value", "low", "high",
                "p_value");
    }

    /** What a linter (redocly's recommended rules) asks of the document as a whole. */
    @Test
    void namesItsServersLicenceAndWhatEachTagIsAbout() {
        JsonPath doc = document();
        assertThat(doc.getList("servers.url", String.class)).contains("/");
        assertThat(doc.getString("info.license.name")).isNotBlank();
        assertThat(doc.getList("tags.name", String.class)).containsExactlyInAnyOrder(ApiNames.PROFILES,
                ApiNames.RECOMMENDATIONS, ApiNames.CATALOG, ApiNames.EVENTS, ApiNames.MODELS);
        assertThat(doc.getList("tags.description", String.class)).as("tag descriptions").allSatisfy(d ->
                assertThat(d).isNotBlank());
    }

    @Test
    void everyReferenceResolvesAndEveryComponentIsUsed() {
        JsonPath doc = document();
        Map<String, Object> root = doc.getMap("$");
        List<String> refs = new ArrayList<>();
        collectRefs(root, refs);
        assertThat(refs).hasSizeGreaterThan(50);
        for (String ref : refs) {
            assertThat(ref).startsWith("#/components/");
            String[] parts = ref.substring("#/components/".length()).split("/");
            assertThat(doc.getMap("components." + parts[0])).as(ref).containsKey(parts[1]);
        }
        for (String kind : List.of("schemas", "responses", "headers")) {
            for (Object name : doc.getMap("components." + kind).keySet()) {
                assertThat(refs).as(kind + " " + name + " is used").contains("#/components/" + kind + "/" + name);
            }
        }
    }

    private static Map<String, Object> resolve(Map<String, Object> response, Map<String, Map<String, Object>> shared,
            String where) {
        Object ref = response.get("$ref");
        if (ref == null) {
            return response;
        }
        assertThat(response).as(where + ": nothing beside $ref").containsOnlyKeys("$ref");
        String name = ref.toString().substring("#/components/responses/".length());
        assertThat(shared).as(where + " " + ref).containsKey(name);
        return shared.get(name);
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (key.equals("$ref")) {
                    refs.add(value.toString());
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> list) {
            list.forEach(element -> collectRefs(element, refs));
        }
    }

    /** Operation parameters by name. */
    private static Map<String, Map<String, Object>> parameters(JsonPath doc, String path, String method) {
        List<Map<String, Object>> list = doc.getList("paths.'" + path + "'." + method + ".parameters");
        Map<String, Map<String, Object>> byName = new HashMap<>();
        list.forEach(p -> byName.put(p.get("name").toString(), p));
        return byName;
    }

    /** "get /v1/users/{user_id}" to the operation object, for every operation of the document. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> documentedOperations(JsonPath doc) {
        Map<String, Map<String, Object>> operations = new HashMap<>();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (value instanceof Map<?, ?> operation) {
                operations.put(method + " " + path, (Map<String, Object>) operation);
            }
        }));
        return operations;
    }

    /** "get /v1/users/{user_id}" to the resource method, for every resource method of the api package. */
    private static Map<String, Method> jaxRsEndpoints() throws IOException, ClassNotFoundException {
        Map<String, Method> endpoints = new HashMap<>();
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
                endpoints.put(verb.toLowerCase(Locale.ROOT) + " " + root.value() + (sub == null ? "" : sub.value()),
                        method);
            }
        }
        return endpoints;
    }
}
