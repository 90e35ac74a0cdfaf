package com.example.profiles.openapi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import com.example.profiles.recommend.Recommendation;
import com.example.profiles.recommend.RequestControl;
import com.example.profiles.recommend.RequestControl.Endpoint;
import com.example.profiles.recommend.RequestControls;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents the ranking controls from their table, {@link RequestControls}, so the document cannot drift from
 * what the parsers take: an operation marked {@link ApiNames#CONTROLS} gets its endpoint's controls as query
 * parameters, or, when it takes a body, as the properties of the body schema it refers to; the answer's
 * constraints schema lists the echoed controls. Runs once at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ControlsFilter implements OASFilter {

    /** Path parameters first, then the query's, each by name: the scanner's own order. */
    private static final List<Parameter.In> PLACES = List.of(Parameter.In.PATH, Parameter.In.QUERY, Parameter.In.HEADER,
            Parameter.In.COOKIE);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        openAPI.getPaths().getPathItems().values()
                .forEach(item -> item.getOperations().values().forEach(operation -> document(operation, components)));
        components.addSchema(Recommendation.Constraints.SCHEMA, echoSchema());
    }

    private static void document(Operation operation, Components components) {
        if (!operation.hasExtension(ApiNames.CONTROLS)) {
            return;
        }
        Endpoint endpoint = Endpoint.valueOf(operation.getExtension(ApiNames.CONTROLS).toString());
        operation.removeExtension(ApiNames.CONTROLS);
        List<RequestControl<?>> controls = RequestControls.of(endpoint);
        if (operation.getRequestBody() == null) {
            controls.forEach(control -> operation.addParameter(parameter(control)));
            List<Parameter> sorted = new ArrayList<>(operation.getParameters());
            sorted.sort(Comparator.comparingInt((Parameter p) -> PLACES.indexOf(p.getIn())).thenComparing(Parameter::getName));
            operation.setParameters(sorted);
            return;
        }
        for (MediaType media : operation.getRequestBody().getContent().getMediaTypes().values()) {
            String ref = media.getSchema().getRef();
            components.addSchema(ref.substring(ref.lastIndexOf('/') + 1), body(controls));
        }
    }

    private static Parameter parameter(RequestControl<?> control) {
        RequestControl.Doc doc = control.doc();
        Schema schema = control.wire() == RequestControl.Wire.ID_LIST
                ? OASFactory.createSchema().addType(SchemaType.STRING)
                : value(control, false);
        return OASFactory.createParameter().name(control.name()).in(Parameter.In.QUERY)
                .description(doc.description()).example(doc.example()).schema(schema);
    }

    private static Schema body(List<RequestControl<?>> controls) {
        Schema body = OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesBoolean(false);
        for (RequestControl<?> control : controls) {
            RequestControl.Doc doc = control.doc();
            Schema property = value(control, true).description(doc.description());
            if (control.wire() == RequestControl.Wire.ID_LIST) {
                property.items(OASFactory.createSchema().addType(SchemaType.STRING)).maxItems(doc.maxItems())
                        .example(doc.example() == null ? null : List.of(doc.example().split(",")));
            } else {
                property.example(doc.example());
            }
            body.addProperty(control.name(), property);
        }
        return body;
    }

    /** The schema of one value: its JSON type, range, default and choices. */
    private static Schema value(RequestControl<?> control, boolean inBody) {
        RequestControl.Doc doc = control.doc();
        Schema schema = OASFactory.createSchema().addType(type(control.wire()));
        if (inBody && control.wire() == RequestControl.Wire.INTEGER) {
            schema.format("int32");
        }
        if (doc.minimum() != null) {
            schema.minimum(BigDecimal.valueOf(doc.minimum()));
        }
        if (doc.maximum() != null) {
            schema.maximum(BigDecimal.valueOf(doc.maximum()));
        }
        if (doc.enumeration() != null) {
            schema.enumeration(new ArrayList<>(doc.enumeration()));
        }
        return schema.defaultValue(doc.defaultValue());
    }

    /** The answer's constraints: each echoed control under its name. */
    private static Schema echoSchema() {
        Schema schema = OASFactory.createSchema().addType(SchemaType.OBJECT)
                .description("The constraints the request applied; those it did not use are absent.");
        for (RequestControl<?> control : RequestControls.ALL) {
            RequestControl.Echo<?> echo = control.echo();
            if (echo != null) {
                Schema property = OASFactory.createSchema().addType(type(echo.type())).description(echo.description());
                schema.addProperty(control.name(), echo.type() == RequestControl.Wire.INTEGER ? property.format("int32") : property);
            }
        }
        return schema;
    }

    private static SchemaType type(RequestControl.Wire wire) {
        return switch (wire) {
            case INTEGER -> SchemaType.INTEGER;
            case TEXT -> SchemaType.STRING;
            case BOOLEAN -> SchemaType.BOOLEAN;
            case ID_LIST -> SchemaType.ARRAY;
        };
    }
}
