package com.example.profiles.facet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.example.profiles.kernel.RowMask;

/**
 * Filters evaluated over the columns equal a plain interpreter that reads each row's raw values, written
 * here independently, for random catalogs and random expressions (printed back to text and parsed again).
 */
class FacetColumnsTest {

    private static final String[] LANGUAGES = {"eng", "fre", "ger", "spa"};
    private static final String[] GENRES = {"fantasy", "sci-fi", "crime", "romance", "poetry", "history"};

    @Test
    void evaluationEqualsARowByRowReference() {
        SplittableRandom rnd = new SplittableRandom(7);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            int rows = rnd.nextInt(1, 400);
            List<Map<String, Object>> raw = randomRows(rnd, rows);
            FacetColumns columns = build(raw);
            for (int e = 0; e < 50; e++) {
                String text = randomExpression(rnd, 3);
                Filter filter = FilterParser.parse(text);
                RowMask got = columns.evaluate(filter);
                int passing = 0;
                for (int r = 0; r < rows; r++) {
                    boolean expected = reference(filter, raw.get(r));
                    assertEquals(expected, got.contains(r), text + " row " + r + " " + raw.get(r));
                    passing += expected ? 1 : 0;
                }
                assertEquals(passing, got.count(), text + ": count");
                assertEquals(passing, got.toArray().length, text + ": rows");
                checked++;
            }
        }
        assertTrue(checked >= 2000);
    }

    @Test
    void documentedFormsOnAKnownCatalog() {
        List<Map<String, Object>> raw = new ArrayList<>();
        raw.add(row("eng", List.of("J.K. Rowling"), List.of("fantasy"), 12.5, true));
        raw.add(row("fre", List.of("Victor Hugo", "Translator X"), List.of("history", "romance"), 25.0, false));
        raw.add(row("eng", List.of("Agatha Christie"), List.of("crime"), 8.0, true));
        raw.add(new HashMap<>()); // an item without any facet
        FacetColumns c = build(raw);
        assertArrayEquals(new int[] {0, 2}, c.evaluate(FilterParser.parse("language = \"eng\"")).toArray());
        assertArrayEquals(new int[] {0, 2}, c.evaluate(FilterParser.parse("price <= 20")).toArray());
        assertArrayEquals(new int[] {0, 2}, c.evaluate(FilterParser.parse("in_stock")).toArray());
        assertArrayEquals(new int[] {1}, c.evaluate(FilterParser.parse("in_stock = false")).toArray());
        assertArrayEquals(new int[] {0, 1}, c.evaluate(FilterParser.parse("genres in (\"fantasy\", \"romance\")")).toArray());
        assertArrayEquals(new int[] {1}, c.evaluate(FilterParser.parse("authors = \"Translator X\"")).toArray());
        assertArrayEquals(new int[] {1, 3}, c.evaluate(FilterParser.parse("language != \"eng\"")).toArray());
        assertArrayEquals(new int[] {2}, c.evaluate(FilterParser.parse(
                "not (attributes.price > 10 and in_stock) and (language = 'eng' or price > 100)")).toArray());
        // first author's dictionary id (values sorted: Agatha Christie, J.K. Rowling, Translator X, Victor Hugo)
        assertArrayEquals(new int[] {1, 3, 0, -1}, c.groups("authors"));
    }

    @Test
    void unknownFacetsAndWrongKindsPointAtTheirPosition() {
        FacetColumns c = build(List.of(row("eng", List.of("A"), List.of("crime"), 3.0, true)));
        assertError(c, "language = \"eng\" and colour = \"red\"", "unknown facet 'colour'", 22);
        // the position right after the problem, the list of facets last
        assertEquals("unknown facet 'colour' at position 22; known facets: authors, genres, in_stock, language, price",
                assertThrows(FilterException.class,
                        () -> c.evaluate(FilterParser.parse("language = \"eng\" and colour = \"red\""))).getMessage());
        assertError(c, "price = \"cheap\"", "compare it with a number", 9);
        assertError(c, "language < \"f\"", "compare it with = or != or in", 12);
        assertError(c, "language", "only a boolean facet stands alone", 1);
        assertError(c, "in_stock = 1", "to true or false", 12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.groups("price"));
        assertTrue(e.getMessage().contains("only text facets group"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> c.groups("colour"));
        assertTrue(e.getMessage().contains("unknown facet 'colour'"), e.getMessage());
    }

    @Test
    void valuesOfAnotherKindAreLeftOutAndCounted() {
        FacetColumns c = FacetColumns.builder(3)
                .add(0, "price", 4.0).add(1, "price", "free").add(2, "price", Double.NaN).build();
        assertEquals(FacetColumns.Kind.NUMBER, c.kind("price"));
        assertEquals(2, c.ignoredValues());
        assertArrayEquals(new int[] {0}, c.evaluate(FilterParser.parse("price >= 0")).toArray());
    }

    private static void assertError(FacetColumns c, String text, String fragment, int position) {
        FilterException e = assertThrows(FilterException.class, () -> c.evaluate(FilterParser.parse(text)), text);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        assertEquals(position, e.position(), e.getMessage());
    }

    private static Map<String, Object> row(String language, List<String> authors, List<String> genres, double price,
                                           boolean inStock) {
        Map<String, Object> r = new HashMap<>();
        r.put("language", language);
        r.put("authors", authors);
        r.put("genres", genres);
        r.put("price", price);
        r.put("in_stock", inStock);
        return r;
    }

    private static FacetColumns build(List<Map<String, Object>> raw) {
        FacetColumns.Builder b = FacetColumns.builder(raw.size());
        for (int r = 0; r < raw.size(); r++) {
            for (Map.Entry<String, Object> e : raw.get(r).entrySet()) {
                b.add(r, e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private static List<Map<String, Object>> randomRows(SplittableRandom rnd, int rows) {
        List<Map<String, Object>> raw = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            Map<String, Object> row = new HashMap<>();
            if (rnd.nextInt(5) > 0) {
                row.put("language", LANGUAGES[rnd.nextInt(LANGUAGES.length)]);
            }
            if (rnd.nextInt(4) > 0) {
                List<String> g = new ArrayList<>();
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    g.add(GENRES[rnd.nextInt(GENRES.length)]);
                }
                row.put("genres", g);
            }
            if (rnd.nextInt(4) > 0) {
                row.put("price", (double) rnd.nextInt(0, 40));
            }
            if (rnd.nextInt(4) > 0) {
                row.put("in_stock", rnd.nextBoolean());
            }
            raw.add(row);
        }
        // every facet exists at least once, so that no generated expression names an unknown facet
        raw.get(0).put("language", "eng");
        raw.get(0).put("genres", List.of("crime"));
        raw.get(0).put("price", 1.0);
        raw.get(0).put("in_stock", true);
        return raw;
    }

    private static String randomExpression(SplittableRandom rnd, int depth) {
        int choice = depth == 0 ? 3 + rnd.nextInt(5) : rnd.nextInt(8);
        switch (choice) {
            case 0:
                return "(" + randomExpression(rnd, depth - 1) + " and " + randomExpression(rnd, depth - 1) + ")";
            case 1:
                return "(" + randomExpression(rnd, depth - 1) + " or " + randomExpression(rnd, depth - 1) + ")";
            case 2:
                return "not " + randomExpression(rnd, depth - 1);
            case 3:
                return "language " + (rnd.nextBoolean() ? "=" : "!=") + " \"" + LANGUAGES[rnd.nextInt(LANGUAGES.length)] + "\"";
            case 4:
                return "genres in (\"" + GENRES[rnd.nextInt(GENRES.length)] + "\", '" + GENRES[rnd.nextInt(GENRES.length)] + "')";
            case 5:
                return "attributes.price " + new String[] {"=", "!=", "<", "<=", ">", ">="}[rnd.nextInt(6)] + " "
                        + rnd.nextInt(-2, 42);
            case 6:
                return "in_stock";
            default:
                return "in_stock " + (rnd.nextBoolean() ? "=" : "!=") + " " + rnd.nextBoolean();
        }
    }

    /** Independent interpreter over one row's raw values. */
    private static boolean reference(Filter f, Map<String, Object> row) {
        if (f instanceof Filter.And a) {
            return reference(a.left(), row) && reference(a.right(), row);
        }
        if (f instanceof Filter.Or o) {
            return reference(o.left(), row) || reference(o.right(), row);
        }
        if (f instanceof Filter.Not n) {
            return !reference(n.operand(), row);
        }
        if (f instanceof Filter.Flag flag) {
            return Boolean.TRUE.equals(row.get(flag.facet().name()));
        }
        if (f instanceof Filter.In in) {
            return in.values().stream().anyMatch(v -> equal(row.get(in.facet().name()), v));
        }
        Filter.Compare c = (Filter.Compare) f;
        Object value = row.get(c.facet().name());
        switch (c.op()) {
            case EQ:
                return equal(value, c.value());
            case NE:
                return !equal(value, c.value());
            default:
                if (!(value instanceof Double d)) {
                    return false;
                }
                double x = ((Filter.Number) c.value()).value();
                return switch (c.op()) {
                    case LT -> d < x;
                    case LE -> d <= x;
                    case GT -> d > x;
                    default -> d >= x;
                };
        }
    }

    private static boolean equal(Object value, Filter.Literal literal) {
        if (literal instanceof Filter.Text t) {
            return value instanceof List<?> list ? list.contains(t.value()) : t.value().equals(value);
        }
        if (literal instanceof Filter.Number n) {
            return value instanceof Double d && d == n.value();
        }
        return Boolean.valueOf(((Filter.Bool) literal).value()).equals(value);
    }
}
