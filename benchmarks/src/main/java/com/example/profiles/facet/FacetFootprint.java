package com.example.profiles.facet;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Heap held by the facet columns of a bookshop-like catalog (default 1M items): the retained heap after a full
 * GC, with and without the columns, and the columns' own estimate ({@link FacetColumns#bytes()}). Facets as in
 * the default {@code recommend.catalog.facets}: language (30 values), format (3), genres (2 of 40 per item),
 * series (a third of the items, 1 per 5 books), in_stock, price, popularity, published_year, and authors (1-2
 * of rows/10 names).
 *
 * <pre>java -Xmx4g -cp benchmarks/target/benchmarks.jar com.example.profiles.facet.FacetFootprint [rows]</pre>
 */
public final class FacetFootprint {

    private FacetFootprint() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom rnd = new SplittableRandom(3);
        long before = retained();
        // the names are created after the baseline: the columns' dictionaries keep them, as after a real load
        String[] languages = names("lang", 30);
        String[] genres = names("genre", 40);
        String[] authors = names("author-with-a-realistic-name", rows / 10);
        String[] series = names("series-title", rows / 15);
        FacetColumns.Builder builder = FacetColumns.builder(rows);
        for (String f : List.of("authors", "language", "format", "genres", "series", "in_stock", "price", "popularity",
                "published_year")) {
            builder.declare(f);
        }
        for (int r = 0; r < rows; r++) {
            List<String> a = new ArrayList<>(2);
            a.add(authors[rnd.nextInt(authors.length)]);
            if (rnd.nextInt(4) == 0) {
                a.add(authors[rnd.nextInt(authors.length)]);
            }
            builder.add(r, "authors", a);
            builder.add(r, "language", languages[Math.min(languages.length - 1, (int) (-Math.log(1 - rnd.nextDouble()) * 3))]);
            builder.add(r, "format", new String[] {"paperback", "hardcover", "ebook"}[rnd.nextInt(3)]);
            builder.add(r, "genres", List.of(genres[rnd.nextInt(40)], genres[rnd.nextInt(40)]));
            if (rnd.nextInt(3) == 0) {
                builder.add(r, "series", series[rnd.nextInt(series.length)]);
            }
            builder.add(r, "in_stock", rnd.nextInt(7) != 0);
            builder.add(r, "price", 2 + rnd.nextInt(5000) / 100.0);
            builder.add(r, "popularity", (double) rnd.nextInt(5_000_000));
            builder.add(r, "published_year", (double) (1800 + rnd.nextInt(226)));
        }
        FacetColumns columns = builder.build();
        builder = null;
        languages = null;
        genres = null;
        authors = null;
        series = null;
        long after = retained();
        System.out.printf("rows %d: retained heap of the columns %.1f MB (%.1f bytes per item); their own estimate"
                + " %.1f MB; facets %s%n", rows, (after - before) / 1e6, (after - before) / (double) rows,
                columns.bytes() / 1e6, columns.names());
    }

    private static String[] names(String prefix, int n) {
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = prefix + "-" + i;
        }
        return out;
    }

    private static long retained() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
