package com.example.profiles.api;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The query parameters of the recommendation and similar-items GETs, taken as strings so that every defect
 * is a 400 naming the parameter ({@link RecommendationParams}).
 */
public class RecommendationQuery {

    @RestQuery
    @Parameter(description = "How many items to return.", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
            maximum = "1000", defaultValue = "10"))
    String k;

    @RestQuery
    @Parameter(description = "First position of the exact ordering to return (paging); k + offset <= 1000.",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "999", defaultValue = "0"))
    String offset;

    @RestQuery
    @Parameter(schema = @Schema(type = SchemaType.STRING, enumeration = { "dot", "cosine" }, defaultValue = "dot"))
    String metric;

    @RestQuery
    @Parameter(description = "`seen` leaves out the items the profile lists as purchased (recommendations only).",
            schema = @Schema(type = SchemaType.STRING, enumeration = "seen"))
    String exclude;

    @RestQuery("exclude_ids")
    @Parameter(name = "exclude_ids", description = "Comma-separated item ids to leave out (cart, already on the"
            + " page); at most 10,000 (use the POST form for long lists).", example = "book-2,book-3")
    String excludeIds;

    @RestQuery
    @Parameter(description = """
            Only items passing this expression. Facets: `authors` and the item attributes named in
            recommend.catalog.facets (also written `attributes.<name>`). Forms: `language = "eng"`,
            `price <= 20` (`<`, `<=`, `>`, `>=`, `=`, `!=`), a bare boolean facet such as `in_stock`,
            `genres in ("fantasy", "sci-fi")` (a list facet matches when any of its values is listed),
            combined with `and`, `or`, `not` and parentheses. Strings in double or single quotes.""",
            example = "language = \"eng\" and in_stock and not format = \"ebook\"")
    String filter;

    @RestQuery("max_per")
    @Parameter(name = "max_per", description = "At most N results share a value of a text facet (a list facet"
            + " groups by its first value): `facet:N`. Exact: the exact order, skipping items whose group is full.",
            example = "series:1")
    String maxPer;

    @RestQuery
    @Parameter(description = "Adds `because` to each item: the purchased item most similar to it (recommendations"
            + " only).", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    String explain;

    @RestQuery
    @Parameter(description = "Answer a user without features, or without a profile, by popularity (`popular`) or"
            + " by the genres of the profile's interests first (`interests`); without it such users get 409/404."
            + " Recommendations only.",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "popular", "interests" }))
    String fallback;

    RecommendationParams.Raw raw() {
        return new RecommendationParams.Raw(k, offset, metric, exclude, RecommendationParams.splitIds(excludeIds),
                filter, maxPer, explain, fallback);
    }
}
