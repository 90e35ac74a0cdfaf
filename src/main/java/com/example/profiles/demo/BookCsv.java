package com.example.profiles.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the demo catalog: an RFC 4180 CSV reader (quoted fields, doubled quotes, commas and
 * line breaks inside quotes, CRLF or LF) plus the mapping of goodbooks-10k rows to
 * {@link DemoBook}. Columns are found by header name, so extra or reordered columns are fine.
 * Rows that cannot be mapped are skipped and counted instead of failing the whole load.
 */
public final class BookCsv {

    /** Classpath location of the demo catalog. */
    public static final String RESOURCE = "/demo/books.csv";

    /** Books read plus the number of data rows skipped as malformed. */
    public record Result(List<DemoBook> books, int skippedRows) {
        public Result {
            books = List.copyOf(books);
        }
    }

    private BookCsv() {
    }

    /** The demo catalog from the classpath, in file order (book_id 1..10000). */
    public static List<DemoBook> readDemoCatalog() {
        return readDemoCatalogResult().books();
    }

    /** Like {@link #readDemoCatalog()} but also reports how many rows were skipped. */
    public static Result readDemoCatalogResult() {
        try (InputStream in = BookCsv.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("classpath resource " + RESOURCE + " not found");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Maps a goodbooks-style CSV (header row first) to books. Required per row: a positive
     * integer book_id (unique), a non-blank title and at least one author, and the same
     * number of fields as the header. Year, rating and isbn13 become null when blank or
     * unparseable; image_url (optional) becomes the cover URL.
     */
    public static Result read(Reader reader) throws IOException {
        List<List<String>> records = parseRecords(reader);
        if (records.isEmpty()) {
            return new Result(List.of(), 0);
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = records.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.putIfAbsent(stripBom(header.get(i)).trim(), i);
        }
        for (String required : List.of("book_id", "title", "authors")) {
            if (!col.containsKey(required)) {
                throw new IllegalArgumentException("CSV header lacks column " + required + ": " + header);
            }
        }
        List<DemoBook> books = new ArrayList<>(records.size());
        Set<String> seen = new HashSet<>();
        int skipped = 0;
        for (List<String> row : records.subList(1, records.size())) {
            DemoBook book = row.size() == header.size() ? toBook(row, col) : null;
            if (book == null || !seen.add(book.itemId())) {
                skipped++;
            } else {
                books.add(book);
            }
        }
        return new Result(books, skipped);
    }

    private static DemoBook toBook(List<String> row, Map<String, Integer> col) {
        Long id = parseLong(field(row, col, "book_id"));
        String title = field(row, col, "title");
        List<String> authors = splitAuthors(field(row, col, "authors"));
        if (id == null || id <= 0 || title == null || authors.isEmpty()) {
            return null;
        }
        Double yearValue = parseDouble(field(row, col, "original_publication_year"));
        // Years are stored as "2008.0"; accept only whole numbers in int range.
        Integer year = yearValue != null && yearValue == Math.rint(yearValue)
                && Math.abs(yearValue) <= Integer.MAX_VALUE ? yearValue.intValue() : null;
        return new DemoBook("book-" + id, title, authors, year,
                parseDouble(field(row, col, "average_rating")), field(row, col, "isbn13"),
                field(row, col, "language_code"), parseLong(field(row, col, "ratings_count")),
                coverUrl(field(row, col, "image_url")));
    }

    /** An https image URL, or null: the data set points a third of its books at a generic "nophoto" picture. */
    static String coverUrl(String imageUrl) {
        return imageUrl != null && imageUrl.startsWith("https://") && !imageUrl.contains("/nophoto/") ? imageUrl : null;
    }

    /** "J.K. Rowling, Mary GrandPré" -> [J.K. Rowling, Mary GrandPré]; no author name in the data contains a comma. */
    static List<String> splitAuthors(String authors) {
        if (authors == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String a : authors.split(",")) {
            String name = a.trim();
            if (!name.isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Trimmed value of a column, or null if the column is absent or the value blank. */
    private static String field(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        if (i == null) {
            return null;
        }
        String v = row.get(i).trim();
        return v.isEmpty() ? null : v;
    }

    private static Long parseLong(String s) {
        try {
            return s == null ? null : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String s) {
        try {
            Double d = s == null ? null : Double.parseDouble(s);
            return d == null || d.isNaN() || d.isInfinite() ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * Splits CSV text into records of fields (RFC 4180). Lenient where the RFC is silent:
     * a quote inside an unquoted field, or text after a closing quote, is kept literally;
     * blank lines are skipped; an unterminated quote runs to the end of the input.
     */
    public static List<List<String>> parseRecords(Reader reader) throws IOException {
        StringWriter buffer = new StringWriter();
        reader.transferTo(buffer);
        String text = buffer.toString();
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean inQuotes = false;
        boolean quoted = false; // current field started with a quote
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c != '"') {
                    field.append(c);
                } else if (i + 1 < n && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else {
                    inQuotes = false;
                }
            } else if (c == '"' && field.length() == 0 && !quoted) {
                inQuotes = true;
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                quoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, record, field, quoted);
                record = new ArrayList<>();
                field.setLength(0);
                quoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted || field.length() > 0 || !record.isEmpty()) {
            endRecord(records, record, field, quoted);
        }
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> record, StringBuilder field, boolean quoted) {
        record.add(field.toString());
        boolean blankLine = record.size() == 1 && record.get(0).isEmpty() && !quoted;
        if (!blankLine) {
            records.add(List.copyOf(record));
        }
    }

    /** Convenience for tests and tools: the records of one CSV string. */
    static List<List<String>> parseRecords(String csv) {
        try {
            return parseRecords(new StringReader(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
