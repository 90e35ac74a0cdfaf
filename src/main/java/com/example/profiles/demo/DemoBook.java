package com.example.profiles.demo;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One book of the demo catalog (goodbooks-10k, see resources/demo/ATTRIBUTION.md).
 *
 * @param itemId        "book-" + the data set's book_id
 * @param authors       in the order of the data set; the first is the main author
 * @param year          original publication year, may be negative (BC) or null if unknown
 * @param averageRating Goodreads average rating, null if unknown
 * @param isbn13        as stored in the data set (float notation, lossy), null if unknown
 * @param language      the data set's language_code (e.g. "eng", "en-US"), null if blank
 * @param ratingsCount  how many Goodreads ratings the book has, null if unknown
 * @param coverUrl      the cover image (the data set's image_url), null when the data set has only its
 *                      "nophoto" placeholder or nothing
 */
public record DemoBook(String itemId, String title, List<String> authors, Integer year,
                       Double averageRating, String isbn13, String language, Long ratingsCount, String coverUrl) {

    /** "The Two Towers (The Lord of the Rings, #2)": the series is the name before ", #". */
    private static final Pattern SERIES = Pattern.compile("\\(([^()]+?),?\\s*#[^()]*\\)\\s*$");

    public DemoBook {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(title, "title");
        authors = List.copyOf(authors);
    }

    public DemoBook(String itemId, String title, List<String> authors, Integer year, Double averageRating,
                    String isbn13) {
        this(itemId, title, authors, year, averageRating, isbn13, null, null, null);
    }

    /** The series the title names in its trailing "(Series, #n)", or null. */
    public String series() {
        Matcher m = SERIES.matcher(title);
        return m.find() ? m.group(1).trim() : null;
    }
}
