package com.example.profiles.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The facet values of one stored item, as the catalog keeps them: {@code authors} from the item's top-level
 * list, every other facet from {@code attributes.<name>}. A string stays a string, a list or set of strings
 * becomes a list, a number a double, a boolean a Boolean; any other shape is left out (the item simply has
 * no value for that facet).
 */
public final class ItemFacets {

    /** The facet read from the item's top-level {@code authors} list rather than from its attributes. */
    public static final String AUTHORS = ItemSchema.AUTHORS;

    private ItemFacets() {
    }

    /** The top-level attributes a catalog load reads: key, title, embedding and authors. */
    static final List<String> TOP_LEVEL = List.of(ItemSchema.ITEM_ID, ItemSchema.TITLE, ItemSchema.EMBEDDING,
            ItemSchema.AUTHORS);

    /** The facets read from {@code attributes.<name>}: all but {@code authors}. */
    static List<String> attributeFacets(List<String> facets) {
        return facets.stream().filter(f -> !f.equals(AUTHORS)).toList();
    }

    /** The item's values of {@code facets}; facets it has no usable value for are absent. */
    static Map<String, Object> of(CatalogItem item, List<String> facets) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, AttributeValue> attributes = item.getAttributes();
        for (String facet : facets) {
            Object value;
            if (facet.equals(AUTHORS)) {
                List<String> authors = item.getAuthors();
                value = authors == null || authors.isEmpty() ? null : List.copyOf(authors);
            } else {
                value = attributes == null ? null : value(attributes.get(facet));
            }
            if (value != null) {
                values.put(facet, value);
            }
        }
        return values;
    }

    private static Object value(AttributeValue v) {
        if (v == null) {
            return null;
        }
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            try {
                return Double.parseDouble(v.n());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (v.bool() != null) {
            return v.bool();
        }
        if (v.hasSs() && !v.ss().isEmpty()) {
            return List.copyOf(v.ss());
        }
        if (v.hasL() && !v.l().isEmpty()) {
            List<String> strings = new ArrayList<>(v.l().size());
            for (AttributeValue element : v.l()) {
                if (element.s() == null) {
                    return null;
                }
                strings.add(element.s());
            }
            return strings;
        }
        return null;
    }
}
