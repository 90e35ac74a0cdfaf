package com.example.profiles.catalog;

import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One Items row as mapped by {@link ItemSchema}. */
public final class CatalogItem {

    private String itemId;
    private String title;
    private List<String> authors;
    private Map<String, AttributeValue> attributes;
    private float[] embedding;
    private String updatedAt;
    /** The item's vector in each model a catalog load read (not part of the mapped schema). */
    private Map<String, float[]> vectors = Map.of();

    public String getItemId() {
        return itemId;
    }

    public void setItemId(String itemId) {
        this.itemId = itemId;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public List<String> getAuthors() {
        return authors;
    }

    public void setAuthors(List<String> authors) {
        this.authors = authors;
    }

    public Map<String, AttributeValue> getAttributes() {
        return attributes;
    }

    public void setAttributes(Map<String, AttributeValue> attributes) {
        this.attributes = attributes;
    }

    public float[] getEmbedding() {
        return embedding;
    }

    public void setEmbedding(float[] embedding) {
        this.embedding = embedding;
    }

    public Map<String, float[]> getVectors() {
        return vectors;
    }

    public void setVectors(Map<String, float[]> vectors) {
        this.vectors = vectors;
    }

    public String getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(String updatedAt) {
        this.updatedAt = updatedAt;
    }
}
