package com.example.profiles.demo;

import java.util.List;
import java.util.Objects;

/**
 * One book of the demo catalog (goodbooks-10k, see resources/demo/ATTRIBUTION.md).
 *
 * @param itemId        "book-" + the data set's book_id
 * @param authors       in the order of the data set; the first is the main author
 * @param year          original publication year, may be negative (BC) or null if unknown
 * @param averageRating Goodreads average rating, null if unknown
 * @param isbn13        as stored in the data set (float notation, lossy), null if unknown
 */
public record DemoBook(String itemId, String title, List<String> authors, Integer year,
                       Double averageRating, String isbn13) {

    public DemoBook {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
        authors = List.copyOf(authors);
    }
}
