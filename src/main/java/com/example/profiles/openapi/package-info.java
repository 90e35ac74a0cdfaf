/**
 * What the API document says: body schemas that describe (never parse) the strictly parsed
 * requests and the views, names the resources' annotations share, and the build-time filters that
 * write what a table in the code says (roles, ranking controls, the answers every operation can give). The
 * document-level part of {@code /q/openapi} sits here: info, the bearer scheme every {@code /v1}
 * call needs, and the components operations refer to by name. All of it is read from the class
 * index at build time; nothing here is instantiated or reflected on at run time.
 */
@OpenAPIDefinition(
        info = @Info(title = "User profile and recommendation service", version = "1.0.0", description = """
                Schemaless user profiles on DynamoDB global tables, and top-k book recommendations scored
                against the pod's in-memory catalog. Every /v1 call needs a bearer JWT whose `groups` claim
                holds the role named in the operation (`x-roles`: any one of them). Errors are RFC 9457
                problem documents (`application/problem+json`).
                """, license = @License(name = "Proprietary (Example Corp.), not licensed for use by others")),
        // relative: the document is served by the service it describes, wherever that runs (a region's pods,
        // dev mode, the README's packaged run on localhost)
        servers = @Server(url = "/", description = "The service that served this document"),
        security = @SecurityRequirement(name = ApiNames.BEARER),
        tags = {
                @Tag(name = ApiNames.PROFILES, description = "Schemaless user profiles: read, write, merge-patch,"
                        + " batch read, export and erase."),
                @Tag(name = ApiNames.RECOMMENDATIONS, description = "Top-k books for a user or like a book, scored"
                        + " exactly against the pod's in-memory catalog; every answer carries a recommendation_id."),
                @Tag(name = ApiNames.CATALOG, description = "The items the recommendations choose from, their bulk"
                        + " import and the pod's loaded catalog."),
                @Tag(name = ApiNames.EVENTS, description = "Behaviour events (views, carts, purchases, ratings,"
                        + " returns), attributed to the answer whose recommendation_id they carry, and the training"
                        + " export."),
                @Tag(name = ApiNames.MODELS, description = "Embedding models, their item and user vectors, the"
                        + " traffic split between them and the experiment report that compares them.") },
        components = @Components(
                securitySchemes = @SecurityScheme(securitySchemeName = ApiNames.BEARER,
                        type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT", description = """
                                RS256 JWT from the configured issuer (mp.jwt.verify.issuer), verified with
                                mp.jwt.verify.publickey(.location). Roles in the `groups` claim: profiles:read,
                                profiles:write, catalog:write, events:write, export, models:read, models:write.
                                """),
                schemas = {
                        @Schema(name = "Attributes", type = SchemaType.OBJECT, additionalProperties = Schema.True.class,
                                description = "Any JSON object (nested objects, arrays, nulls); stored schemaless."),
                        @Schema(name = "FeatureVector", type = SchemaType.ARRAY, implementation = float.class,
                                description = "Finite float32 values (at most profiles.max-features).") },
                headers = @Header(name = "ETag", description = "The profile's version as a strong entity tag.",
                        schema = @Schema(type = SchemaType.STRING)),
                responses = {
                        @APIResponse(name = "ProfileWritten",
                                description = "The stored profile (201 when created); ETag holds its new version.",
                                headers = @Header(name = "ETag", ref = "ETag"),
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ProfileBody.class))),
                        @APIResponse(name = "ItemWritten", description = "The stored item (201 when created).",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(implementation = ItemBody.class))),
                        @APIResponse(name = "CatalogState", description = "What the pod has loaded.",
                                content = @Content(mediaType = "application/json",
                                        schema = @Schema(ref = "CatalogInfo"))),
                        @APIResponse(name = "BadRequest",
                                description = "Malformed JSON, unknown fields, bad ids or query parameters.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "Unauthorized",
                                description = "No bearer token, or one that is forged, expired or of another issuer.",
                                headers = @Header(name = "WWW-Authenticate",
                                        schema = @Schema(type = SchemaType.STRING, example = "Bearer")),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "Forbidden", description = "The token lacks the role the operation needs.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "NotFound", description = "No such profile or item.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "PreconditionFailed",
                                description = "If-Match or If-None-Match did not hold; nothing was written.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "Conflict",
                                description = "The state of the resource does not allow it (e.g. a user without features"
                                        + " asked for recommendations without a fallback).",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "TooLarge", description = "The body exceeds profiles.max-body-bytes"
                                + " or the stored item DynamoDB's 400 KB limit.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "UnsupportedMediaType", description = "Missing or wrong Content-Type.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "StaleWrite",
                                description = "The write's event_time is not newer than the stored profile's; nothing was written.",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "Unprocessable",
                                description = "Well-formed but not acceptable (e.g. a vector of the wrong dimension).",
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))),
                        @APIResponse(name = "Unavailable", description = "The store is throttling or unreachable,"
                                + " or the catalog is still loading; see Retry-After.",
                                headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
                                content = @Content(mediaType = Problem.MEDIA_TYPE,
                                        schema = @Schema(implementation = ProblemBody.class))) }))
package com.example.profiles.openapi;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.servers.Server;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.example.profiles.error.Problem;
