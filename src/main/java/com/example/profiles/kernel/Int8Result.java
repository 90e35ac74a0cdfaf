package com.example.profiles.kernel;

/**
 * Result of {@link Int8Search}: the exact top-k (identical to {@link ExactSearch}), the number of rows that
 * survived phase 2 and were rescored in float32 ({@code candidates}), and whether the search fell back to a
 * full float32 scan (then {@code candidates} is the number of rows scanned) with the reason.
 */
public record Int8Result(SearchResult result, int candidates, boolean fallback, String fallbackReason) {
}
