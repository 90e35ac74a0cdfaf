package com.example.profiles.catalog;

/** A CDI event: {@code catalog} is now the pod's snapshot. */
public record CatalogSwapped(Catalog catalog) {
}
