package com.example.profiles.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoEmbeddingsTest {

    private static List<DemoBook> catalog;
    private static float[][] vectors;

    @BeforeAll
    static void embedCatalog() {
        catalog = BookCsv.readDemoCatalog();
        vectors = new float[catalog.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = DemoEmbeddings.embed(catalog.get(i));
        }
    }

    @Test
    void fnv1a64MatchesReferenceValues() {
        assertEquals(0xcbf29ce484222325L, DemoEmbeddings.fnv1a64(""));
        assertEquals(0xaf63dc4c8601ec8cL, DemoEmbeddings.fnv1a64("a"));
        assertEquals(0x85944171f73967e8L, DemoEmbeddings.fnv1a64("foobar"));
    }

    @Test
    void everyVectorHasDimension64AndUnitLength() {
        for (float[] v : vectors) {
            assertEquals(DemoEmbeddings.DIMENSION, v.length);
            assertEquals(1.0, DemoEmbeddings.dot(v, v), 1e-5);
        }
    }

    @Test
    void sameInputGivesBitIdenticalOutput() {
        DemoBook book = catalog.get(0);
        DemoBook copy = new DemoBook(book.itemId(), book.title(), new ArrayList<>(book.authors()),
                book.year(), book.averageRating(), book.isbn13());
        assertArrayEquals(vectors[0], DemoEmbeddings.embed(copy));
        // Golden values, checked on JDK 17 and JDK 25: any change here changes every stored embedding.
        assertEquals(1020658981, Float.floatToRawIntBits(vectors[0][0]));
        long h = 0xcbf29ce484222325L;
        for (float[] v : vectors) {
            for (float f : v) {
                h ^= Float.floatToRawIntBits(f);
                h *= 0x100000001b3L;
            }
        }
        assertEquals(0x2cc2dd1af96c0882L, h);
    }

    @Test
    void sameAuthorBooksAreMuchCloserThanRandomPairs() {
        double same = 0;
        int sameCount = 0;
        for (List<Integer> group : groupBy(i -> catalog.get(i).authors().get(0))) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    same += DemoEmbeddings.cosine(vectors[group.get(x)], vectors[group.get(y)]);
                    sameCount++;
                }
            }
        }
        SplittableRandom random = new SplittableRandom(42);
        double any = 0;
        int anyCount = 20_000;
        for (int k = 0; k < anyCount; k++) {
            any += DemoEmbeddings.cosine(vectors[random.nextInt(vectors.length)], vectors[random.nextInt(vectors.length)]);
        }
        double sameMean = same / sameCount;
        double anyMean = any / anyCount;
        assertTrue(sameCount > 10_000, "pairs: " + sameCount);
        assertTrue(sameMean > 0.6, "same-author mean cosine " + sameMean);
        assertTrue(Math.abs(anyMean) < 0.1, "random-pair mean cosine " + anyMean);
    }

    @Test
    void sharedSeriesPullsBooksTogether() {
        List<List<String>> series = catalog.stream().map(b -> DemoEmbeddings.seriesNames(b.title())).toList();
        double[] sum = new double[3]; // same author + series, same author only, same series only
        int[] count = new int[3];
        for (List<Integer> group : groupBy(i -> catalog.get(i).authors().get(0))) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    int i = group.get(x);
                    int j = group.get(y);
                    int kind = !series.get(i).isEmpty() && !series.get(j).isEmpty()
                            && series.get(i).get(0).equals(series.get(j).get(0)) ? 0 : 1;
                    sum[kind] += DemoEmbeddings.cosine(vectors[i], vectors[j]);
                    count[kind]++;
                }
            }
        }
        for (List<Integer> group : groupBy(i -> series.get(i).isEmpty() ? null : series.get(i).get(0))) {
            for (int x = 0; x < group.size(); x++) {
                for (int y = x + 1; y < group.size(); y++) {
                    int i = group.get(x);
                    int j = group.get(y);
                    if (!catalog.get(i).authors().get(0).equals(catalog.get(j).authors().get(0))) {
                        sum[2] += DemoEmbeddings.cosine(vectors[i], vectors[j]);
                        count[2]++;
                    }
                }
            }
        }
        assertTrue(count[0] > 1_000 && count[1] > 1_000 && count[2] > 50, Arrays.toString(count));
        assertTrue(sum[0] / count[0] > sum[1] / count[1] + 0.1, sum[0] / count[0] + " vs " + sum[1] / count[1]);
        // e.g. The 39 Clues, written by several authors: related, though less than one author's books.
        assertTrue(sum[2] / count[2] > 0.2, "cross-author same-series mean " + sum[2] / count[2]);
    }

    /** Catalog indices grouped by a key; null keys are left out. */
    private static Collection<List<Integer>> groupBy(IntFunction<String> key) {
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < catalog.size(); i++) {
            String k = key.apply(i);
            if (k != null) {
                groups.computeIfAbsent(k, unused -> new ArrayList<>()).add(i);
            }
        }
        return groups.values();
    }

    @Test
    void parsesSeriesFromTitles() {
        assertEquals(List.of("the hunger games"), DemoEmbeddings.seriesNames("The Hunger Games (The Hunger Games, #1)"));
        assertEquals(List.of("the shining"), DemoEmbeddings.seriesNames("The Shining (The Shining #1)"));
        assertEquals(List.of("death", "discworld"), DemoEmbeddings.seriesNames("Mort (Death, #1; Discworld, #4)"));
        assertEquals(List.of("harry potter"), DemoEmbeddings.seriesNames("Harry Potter Boxset (Harry Potter, #1-7) "));
        assertEquals(List.of("middle earth universe"), DemoEmbeddings.seriesNames("The Silmarillion (Middle-Earth Universe)"));
        assertEquals(List.of("hercules poirot"), DemoEmbeddings.seriesNames("Poirot Investiga (Hércules Poirot, #3)"));
        assertEquals(List.of("outer inner"), DemoEmbeddings.seriesNames("Title (Outer (Inner), #2)"));
        assertEquals(List.of(), DemoEmbeddings.seriesNames("The Stand"));
        assertEquals(List.of(), DemoEmbeddings.seriesNames("(Only Parentheses)"));
        assertEquals(List.of(), DemoEmbeddings.seriesNames("Unbalanced (Series, #1"));
    }

    @Test
    void titleWordsSkipSeriesAndStopwords() {
        assertEquals(List.of("harry", "potter", "sorcerers", "stone"),
                DemoEmbeddings.titleWords("Harry Potter and the Sorcerer's Stone (Harry Potter, #1)"));
        assertEquals(List.of(), DemoEmbeddings.titleWords("It"));
        assertEquals(List.of("children", "hurin"), DemoEmbeddings.titleWords("The Children of Húrin"));
    }

    @Test
    void authorSpellingVariantsShareADirection() {
        assertArrayEquals(DemoEmbeddings.authorVector("J.K. Rowling"), DemoEmbeddings.authorVector("J. K. Rowling"));
        assertTrue(DemoEmbeddings.cosine(DemoEmbeddings.authorVector("J.K. Rowling"),
                DemoEmbeddings.authorVector("Stephen King")) < 0.5);
    }
}
