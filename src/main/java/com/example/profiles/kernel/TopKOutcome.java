package com.example.profiles.kernel;

/**
 * What a search returns: the exact top-k, the number of rows scored in float32 ({@code candidates}: every
 * row for {@link ExactSearch}, the rows that survived the int8 filter for {@link Int8Search}), and whether
 * an int8 search fell back to the full float32 scan, with the reason.
 */
public record TopKOutcome(SearchResult result, int candidates, boolean fallback, String fallbackReason) {
}
