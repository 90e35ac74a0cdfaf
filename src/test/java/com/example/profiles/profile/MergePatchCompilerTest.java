package com.example.profiles.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class MergePatchCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode patch(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    /** Replaces placeholders by the names and values they stand for, for readable assertions. */
    private static String resolve(ExpressionBuilder e, String expression) {
        String resolved = expression;
        for (var name : e.names().entrySet()) {
            resolved = resolved.replaceAll(name.getKey() + "(?![0-9])", name.getValue());
        }
        if (e.values() != null) {
            for (var value : e.values().entrySet()) {
                AttributeValue v = value.getValue();
                String shown = v.s() != null ? "'" + v.s() + "'" : v.n() != null ? v.n() : v.hasM() ? "M" + v.m().keySet() : v.toString();
                resolved = resolved.replaceAll(value.getKey() + "(?![0-9])", shown);
            }
        }
        return resolved;
    }

    @Test
    void assumesMapsAndGuardsTheAssumption() throws Exception {
        ExpressionBuilder e = new ExpressionBuilder();
        new MergePatchCompiler(e, null).compile("attributes", patch("{\"a\": {\"b\": 1, \"c\": null}, \"d\": \"x\", \"e\": null}"));
        assertThat(resolve(e, e.updateExpression())).isEqualTo("SET attributes.a.b = 1, attributes.d = 'x' REMOVE attributes.a.c, attributes.e");
        assertThat(resolve(e, e.conditionExpression()))
                .isEqualTo("(attribute_type(attributes, 'M')) AND (attribute_type(attributes.a, 'M'))");
    }

    @Test
    void replacesWhatTheStoredItemShowsIsNotAMap() throws Exception {
        Map<String, AttributeValue> stored = Map.of("attributes", AttributeValue.fromM(Map.of(
                "a", AttributeValue.fromS("scalar"),
                "keep", AttributeValue.fromM(Map.of()))));
        ExpressionBuilder e = new ExpressionBuilder();
        new MergePatchCompiler(e, stored).compile("attributes",
                patch("{\"a\": {\"b\": 1, \"gone\": null}, \"keep\": {\"k\": 2}, \"new\": {\"n\": 3}}"));
        assertThat(resolve(e, e.updateExpression()))
                .isEqualTo("SET attributes.a = M[b], attributes.keep.k = 2, attributes.new = M[n]");
        assertThat(resolve(e, e.conditionExpression())).isEqualTo("(attribute_type(attributes, 'M'))"
                + " AND (NOT attribute_type(attributes.a, 'M'))"
                + " AND (attribute_type(attributes.keep, 'M'))"
                + " AND (NOT attribute_type(attributes.new, 'M'))");
    }

    @Test
    void keysThatLookLikeExpressionSyntaxStayPlaceholders() throws Exception {
        ExpressionBuilder e = new ExpressionBuilder();
        new MergePatchCompiler(e, null).compile("attributes", patch("{\"a.b\": 1, \"#x\": 2, \"size\": 3}"));
        assertThat(e.updateExpression()).doesNotContain("a.b").doesNotContain("size").matches("SET [#:a-z0-9., =]+");
        assertThat(e.names()).containsValues("a.b", "#x", "size");
    }
}
