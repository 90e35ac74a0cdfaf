package com.example.profiles.catalog;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one row of the Items table that is not an item: the catalog's embedding dimension, as the store keeps
 * it. Its key cannot be an item id (ids never contain {@code #}), and catalog loads skip it. The first item
 * ever written claims the dimension; every item write after that is a transaction that checks it, so pods
 * writing concurrently cannot leave two dimensions behind.
 */
public final class CatalogManifest {

    /** The manifest's {@code item_id}. */
    public static final String KEY = "#catalog";
    public static final String DIMENSION = "dimension";

    private CatalogManifest() {
    }

    static Map<String, AttributeValue> key() {
        return Map.of(ItemSchema.ITEM_ID, AttributeValue.fromS(KEY));
    }

    static boolean isManifest(Map<String, AttributeValue> raw) {
        AttributeValue id = raw.get(ItemSchema.ITEM_ID);
        return id != null && KEY.equals(id.s());
    }

    /** The dimension a stored manifest holds, or 0 for none. */
    static int dimensionOf(Map<String, AttributeValue> raw) {
        if (raw == null || raw.isEmpty()) {
            return 0;
        }
        AttributeValue value = raw.get(DIMENSION);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }
}
