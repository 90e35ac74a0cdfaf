package com.example.profiles.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoUsersTest {

    private static List<DemoBook> catalog;
    private static float[][] vectors;
    private static List<DemoUser> users;

    @BeforeAll
    static void load() {
        catalog = BookCsv.readDemoCatalog();
        vectors = catalog.stream().map(DemoEmbeddings::embed).toArray(float[][]::new);
        users = DemoUsers.all(catalog);
    }

    @Test
    void usersAreWellFormed() {
        Map<String, DemoBook> byId = catalog.stream().collect(Collectors.toMap(DemoBook::itemId, Function.identity()));
        assertTrue(users.size() >= 4 && users.size() <= 6);
        Set<String> ids = new HashSet<>();
        for (int u = 0; u < users.size(); u++) {
            DemoUser user = users.get(u);
            DemoUsers.Persona persona = DemoUsers.PERSONAS.get(u);
            assertTrue(ids.add(user.userId()));
            assertTrue(user.userId().startsWith("demo-"));
            assertTrue(user.userName().startsWith("Demo "));
            assertEquals(user.userId() + "@example.com", user.attributes().get("email"));
            assertTrue(((List<?>) user.attributes().get("interests")).contains(persona.mainAuthor()));
            List<?> purchased = (List<?>) user.attributes().get("purchased");
            assertTrue(purchased.size() >= 1 && purchased.size() <= 3, user.userId());
            for (Object id : purchased) {
                assertTrue(byId.get(id).authors().contains(persona.mainAuthor()), id + " for " + user.userId());
            }
            assertEquals(DemoEmbeddings.DIMENSION, user.features().length);
            assertEquals(1.0, DemoEmbeddings.dot(user.features(), user.features()), 1e-5);
        }
    }

    @Test
    void usersAreDeterministic() {
        List<DemoUser> again = DemoUsers.all(catalog);
        for (int u = 0; u < users.size(); u++) {
            assertArrayEquals(users.get(u).features(), again.get(u).features());
            assertEquals(users.get(u).attributes(), again.get(u).attributes());
        }
    }

    @Test
    void topTenIsMostlyTheMainAuthor() {
        for (int u = 0; u < users.size(); u++) {
            float[] features = users.get(u).features();
            String author = DemoUsers.PERSONAS.get(u).mainAuthor();
            double[] score = Arrays.stream(vectors).mapToDouble(v -> DemoEmbeddings.cosine(features, v)).toArray();
            List<DemoBook> top = IntStream.range(0, catalog.size()).boxed()
                    .sorted(Comparator.comparingDouble((Integer i) -> score[i]).reversed())
                    .limit(10)
                    .map(catalog::get)
                    .toList();
            long byAuthor = top.stream().filter(b -> b.authors().contains(author)).count();
            assertTrue(byAuthor >= 6, users.get(u).userId() + " top 10: "
                    + Arrays.toString(top.stream().map(DemoBook::title).toArray()));
        }
    }
}
