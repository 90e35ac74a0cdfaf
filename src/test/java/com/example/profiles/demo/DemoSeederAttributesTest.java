package com.example.profiles.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DemoSeederAttributesTest {

    @Test
    void aBookWithACoverCarriesItsUrlAndOneWithoutCarriesNone() {
        List<DemoBook> books = BookCsv.readDemoCatalog();
        Map<String, AttributeValue> potter = DemoSeeder.attributes(books.get(1));
        assertEquals("https://images.gr-assets.com/books/1474154022m/3.jpg", potter.get("cover_url").s());
        DemoBook withoutCover = books.stream().filter(b -> b.coverUrl() == null).findFirst().orElseThrow();
        assertFalse(DemoSeeder.attributes(withoutCover).containsKey("cover_url"), withoutCover.itemId());
    }
}
