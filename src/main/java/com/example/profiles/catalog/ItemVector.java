package com.example.profiles.catalog;

/** One item's vector in one model, as a write names it. */
public record ItemVector(String itemId, float[] embedding) {
}
