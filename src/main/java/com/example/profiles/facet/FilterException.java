package com.example.profiles.facet;

/** A filter that cannot be parsed or does not fit the catalog's facets; names the 1-based position. */
public final class FilterException extends IllegalArgumentException {

    private final int position;

    public FilterException(String message, int position) {
        super(message + " at position " + position);
        this.position = position;
    }

    /** With a hint after the position, so that a long hint (a list of facets) does not hide where the problem is. */
    public FilterException(String message, int position, String hint) {
        super(message + " at position " + position + "; " + hint);
        this.position = position;
    }

    public int position() {
        return position;
    }
}
