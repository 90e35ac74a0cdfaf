package com.example.profiles.facet;

/** A filter that cannot be parsed or does not fit the catalog's facets; names the 1-based position. */
public final class FilterException extends IllegalArgumentException {

    private final int position;

    public FilterException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
