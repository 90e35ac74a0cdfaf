package com.example.profiles.facet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class FilterParserTest {

    private static final Filter.Facet LANGUAGE = new Filter.Facet("language", 1);

    @Test
    void parsesEveryDocumentedForm() {
        assertEquals(new Filter.Compare(LANGUAGE, Filter.Op.EQ, new Filter.Text("eng", 12)),
                FilterParser.parse("language = \"eng\""));
        assertEquals(new Filter.Compare(new Filter.Facet("price", 1), Filter.Op.LE, new Filter.Number(20, 10)),
                FilterParser.parse("price <= 20"));
        for (String op : new String[] {"<", ">", ">=", "!="}) {
            Filter.Compare c = (Filter.Compare) FilterParser.parse("price " + op + " 7.5");
            assertEquals(op, c.op().symbol);
            assertEquals(7.5, ((Filter.Number) c.value()).value());
        }
        assertEquals(new Filter.Flag(new Filter.Facet("in_stock", 1)), FilterParser.parse("in_stock"));
        assertEquals(new Filter.In(new Filter.Facet("genres", 1),
                        List.of(new Filter.Text("fantasy", 12), new Filter.Text("sci-fi", 23))),
                FilterParser.parse("genres in (\"fantasy\", \"sci-fi\")"));
        assertEquals(new Filter.Compare(new Filter.Facet("authors", 1), Filter.Op.EQ, new Filter.Text("J.K. Rowling", 11)),
                FilterParser.parse("authors = \"J.K. Rowling\""));
        assertEquals(new Filter.Compare(new Filter.Facet("language", 1), Filter.Op.EQ, new Filter.Text("en", 23)),
                FilterParser.parse("attributes.language = 'en'"));
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        Filter f = FilterParser.parse("in_stock and not price > 20 or language = \"fre\"");
        Filter.Or or = (Filter.Or) f;
        Filter.And and = (Filter.And) or.left();
        assertTrue(and.left() instanceof Filter.Flag);
        assertTrue(and.right() instanceof Filter.Not);
        assertTrue(or.right() instanceof Filter.Compare);
        Filter grouped = FilterParser.parse("in_stock AND (price > 20 OR NOT language = \"fre\")");
        assertTrue(((Filter.And) grouped).right() instanceof Filter.Or);
    }

    @Test
    void stringsTakeEscapesAndNumbersTheirUsualForms() {
        assertEquals("say \"hi\" \\ 'x'", ((Filter.Text) ((Filter.Compare) FilterParser.parse(
                "title = \"say \\\"hi\\\" \\\\ 'x'\"")).value()).value());
        for (String n : new String[] {"-3", "2.5e3", "1E-2", "+4", "0"}) {
            assertEquals(Double.parseDouble(n), ((Filter.Number) ((Filter.Compare) FilterParser.parse("p = " + n)).value()).value());
        }
        assertEquals(new Filter.Bool(false, 12), ((Filter.Compare) FilterParser.parse("in_stock = FALSE")).value());
    }

    @Test
    void errorsNameTheProblemAndItsPosition() {
        assertError("", "empty", 1);
        assertError("language = ", "ends where a value is expected", 12);
        assertError("language = eng", "expected a value", 12);
        assertError("language == \"eng\"", "expected a value", 11);
        assertError("(in_stock", "ends where ')' is expected", 10);
        assertError("in_stock)", "unexpected ')'", 9);
        assertError("price <= 2x", "unexpected 'x'", 11);
        assertError("price <= 1.", "'1.' is not a number", 10);
        assertError("title = \"open", "unterminated string", 9);
        assertError("title = \"a\\n\"", "unknown escape", 11);
        assertError("and = 1", "expected a facet name, not 'and'", 1);
        assertError("genres in ()", "expected a value", 12);
        assertError("genres in (\"a\" \"b\")", "expected ')'", 16);
        assertError("price > 1; drop table", "unexpected ';'", 10);
        assertError("attributes. = 1", "facet name after 'attributes.'", 12);
        assertError("not ".repeat(100) + "in_stock", "nests deeper than", 257);
        assertError("x = \"" + "y".repeat(FilterParser.MAX_LENGTH) + "\"", "longer than", FilterParser.MAX_LENGTH + 1);
    }

    private static void assertError(String text, String fragment, int position) {
        FilterException e = assertThrows(FilterException.class, () -> FilterParser.parse(text), text);
        assertTrue(e.getMessage().contains(fragment), text + " -> " + e.getMessage());
        assertEquals(position, e.position(), text + " -> " + e.getMessage());
        assertTrue(e.getMessage().endsWith("at position " + position), e.getMessage());
    }
}
