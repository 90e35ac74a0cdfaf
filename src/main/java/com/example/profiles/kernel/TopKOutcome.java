package com.example.profiles.kernel;

/**
 * What a search returns: the exact top-k; the number of rows scored in float32 ({@code candidates}: every
 * row for {@link ExactSearch}, the rows that survived the int8 filter for {@link Int8Search}); whether an int8
 * search fell back to the full float32 scan, with the reason; how the catalog was visited ({@code scan}) and
 * how many rows had a score or an int8 row bound computed ({@code scanned}: every row for a full scan, the
 * mask's rows for a gather, the rows of the visited clusters for a pruned search); and, for a pruned search,
 * how many clusters it never visited ({@code clustersPruned}, 0 otherwise).
 */
public record TopKOutcome(SearchResult result, int candidates, boolean fallback, String fallbackReason,
                          ScanStrategy scan, int scanned, int clustersPruned) {

    /** A full scan of {@code candidates} rows. */
    public TopKOutcome(SearchResult result, int candidates, boolean fallback, String fallbackReason) {
        this(result, candidates, fallback, fallbackReason, ScanStrategy.FULL, candidates, 0);
    }
}
