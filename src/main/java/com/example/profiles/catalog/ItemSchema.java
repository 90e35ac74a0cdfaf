package com.example.profiles.catalog;

import com.example.profiles.codec.AttributeMapConverter;
import com.example.profiles.codec.FeatureVectorConverter;

import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** Explicit mapping of the Items table; embeddings use the same float32 codec as user features. */
public final class ItemSchema {

    public static final String ITEM_ID = "item_id";
    public static final String TITLE = "title";
    public static final String AUTHORS = "authors";
    public static final String ATTRIBUTES = "attributes";
    public static final String EMBEDDING = "embedding";
    public static final String UPDATED_AT = "updated_at";

    public static final StaticTableSchema<CatalogItem> SCHEMA = StaticTableSchema.builder(CatalogItem.class)
            .newItemSupplier(CatalogItem::new)
            .addAttribute(String.class, a -> a.name(ITEM_ID)
                    .getter(CatalogItem::getItemId).setter(CatalogItem::setItemId)
                    .tags(StaticAttributeTags.primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name(TITLE)
                    .getter(CatalogItem::getTitle).setter(CatalogItem::setTitle))
            .addAttribute(EnhancedType.listOf(String.class), a -> a.name(AUTHORS)
                    .getter(CatalogItem::getAuthors).setter(CatalogItem::setAuthors))
            .addAttribute(AttributeMapConverter.TYPE, a -> a.name(ATTRIBUTES)
                    .getter(CatalogItem::getAttributes).setter(CatalogItem::setAttributes)
                    .attributeConverter(new AttributeMapConverter()))
            .addAttribute(float[].class, a -> a.name(EMBEDDING)
                    .getter(CatalogItem::getEmbedding).setter(CatalogItem::setEmbedding)
                    .attributeConverter(new FeatureVectorConverter()))
            .addAttribute(String.class, a -> a.name(UPDATED_AT)
                    .getter(CatalogItem::getUpdatedAt).setter(CatalogItem::setUpdatedAt))
            .build();

    private ItemSchema() {
    }
}
