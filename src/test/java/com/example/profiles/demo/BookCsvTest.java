package com.example.profiles.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BookCsvTest {

    private static final String HEADER = "book_id,authors,original_publication_year,title,average_rating,isbn13\n";

    @Test
    void quotedFieldKeepsCommas() {
        assertEquals(List.of(List.of("1", "J.K. Rowling, Mary GrandPré", "x")),
                BookCsv.parseRecords("1,\"J.K. Rowling, Mary GrandPré\",x\n"));
    }

    @Test
    void doubledQuotesAreUnescaped() {
        assertEquals(List.of(List.of("A Child Called \"It\" (Dave Pelzer #1)", "\"", "")),
                BookCsv.parseRecords("\"A Child Called \"\"It\"\" (Dave Pelzer #1)\",\"\"\"\",\"\""));
    }

    @Test
    void lineBreaksCrlfEmptyFieldsAndBlankLines() {
        List<List<String>> r = BookCsv.parseRecords("a,,b\r\n\r\n\"multi\nline\",c,\r\nlast,row");
        assertEquals(List.of(List.of("a", "", "b"), List.of("multi\nline", "c", ""), List.of("last", "row")), r);
    }

    @Test
    void strayQuoteInsideUnquotedFieldIsKeptLiterally() {
        assertEquals(List.of(List.of("5\" disk", "ok")), BookCsv.parseRecords("5\" disk,ok\n"));
    }

    @Test
    void mapsRowsAndSkipsBadOnes() throws IOException {
        String csv = HEADER
                + "1,Suzanne Collins,2008.0,\"The Hunger Games (The Hunger Games, #1)\",4.34,9.78043902348e+12\n"
                + "2,\"J.K. Rowling, Mary GrandPré\",,\"Harry \"\"HP\"\" Potter\",,\n"
                + "3,Homer,-720.0,The Iliad,3.83,9.78014027536e+12\n"
                + "x,Nobody,2000.0,Bad Id,3.0,\n"          // non-numeric id
                + "4,,2000.0,No Author,3.0,\n"             // no author
                + "5,Someone,2000.0,,3.0,\n"               // no title
                + "6,Too,Few,Fields\n"                     // wrong field count
                + "1,Suzanne Collins,2008.0,Duplicate,4.0,\n" // duplicate id
                + "7,Odd Fields,nineteen,Still Fine,n/a,\n";
        BookCsv.Result r = BookCsv.read(new StringReader(csv));
        assertEquals(5, r.skippedRows());
        assertEquals(List.of("book-1", "book-2", "book-3", "book-7"), r.books().stream().map(DemoBook::itemId).toList());

        DemoBook hungerGames = r.books().get(0);
        assertEquals("The Hunger Games (The Hunger Games, #1)", hungerGames.title());
        assertEquals(2008, hungerGames.year());
        assertEquals(4.34, hungerGames.averageRating());
        assertEquals("9.78043902348e+12", hungerGames.isbn13());

        DemoBook potter = r.books().get(1);
        assertEquals(List.of("J.K. Rowling", "Mary GrandPré"), potter.authors());
        assertEquals("Harry \"HP\" Potter", potter.title());
        assertNull(potter.year());
        assertNull(potter.averageRating());
        assertNull(potter.isbn13());

        assertEquals(-720, r.books().get(2).year());
        assertNull(r.books().get(3).year());
        assertNull(r.books().get(3).averageRating());
    }

    @Test
    void realDemoCatalogLoads() {
        BookCsv.Result r = BookCsv.readDemoCatalogResult();
        List<DemoBook> books = r.books();
        assertEquals(10_000, books.size());
        assertEquals(0, r.skippedRows());
        Set<String> ids = new HashSet<>();
        books.forEach(b -> assertTrue(ids.add(b.itemId()), b.itemId()));

        DemoBook second = books.get(1);
        assertEquals("book-2", second.itemId());
        assertEquals("Harry Potter and the Sorcerer's Stone (Harry Potter, #1)", second.title());
        assertEquals(List.of("J.K. Rowling", "Mary GrandPré"), second.authors());
        assertEquals(1997, second.year());
        assertTrue(books.stream().anyMatch(b -> b.title().equals("A Child Called \"It\" (Dave Pelzer #1)")));
        assertTrue(books.stream().filter(b -> b.year() != null).count() > 9_900);
        assertEquals("https://images.gr-assets.com/books/1474154022m/3.jpg", second.coverUrl());
        // a third of the data set points at a generic "nophoto" picture: no cover rather than that
        assertEquals(3_332, books.stream().filter(b -> b.coverUrl() == null).count());
    }

    @Test
    void coverIsAnHttpsImageAndNeverTheDataSetsPlaceholder() {
        assertEquals("https://images.gr-assets.com/books/1447303603m/2767052.jpg",
                BookCsv.coverUrl("https://images.gr-assets.com/books/1447303603m/2767052.jpg"));
        assertNull(BookCsv.coverUrl("https://s.gr-assets.com/assets/nophoto/book/111x148-bcc042a9c91a29c1d680899eff700a03.png"));
        assertNull(BookCsv.coverUrl("javascript:alert(1)"));
        assertNull(BookCsv.coverUrl(null));
    }
}
