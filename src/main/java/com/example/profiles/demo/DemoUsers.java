package com.example.profiles.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A handful of synthetic users for demos. Each leans strongly toward one author of the demo
 * catalog and a little toward a second one, so their top recommendations are mostly the main
 * author's books; each has already "purchased" a couple of them so {@code exclude=seen} has
 * something to hide.
 */
public final class DemoUsers {

    /** Share of the second interest in a user's features; the main author has weight 1. */
    static final double SECOND_INTEREST_WEIGHT = 0.25;

    /** How many of the main author's books (in catalog order, i.e. most rated first) are marked purchased. */
    static final int PURCHASED = 2;

    /** A demo persona: main and second author as spelled in books.csv, plus free-text interests. */
    public record Persona(String userId, String userName, String mainAuthor, String secondAuthor, List<String> genres) {
    }

    public static final List<Persona> PERSONAS = List.of(
            new Persona("demo-tolkien", "Demo Bilbo Testworth", "J.R.R. Tolkien", "C.S. Lewis",
                    List.of("fantasy", "middle-earth")),
            new Persona("demo-rowling", "Demo Hermione Placeholder", "J.K. Rowling", "Rick Riordan",
                    List.of("fantasy", "young adult")),
            new Persona("demo-christie", "Demo Hercule Sampleton", "Agatha Christie", "Arthur Conan Doyle",
                    List.of("mystery", "detective fiction")),
            new Persona("demo-king", "Demo Carrie Fixture", "Stephen King", "Dean Koontz",
                    List.of("horror", "thriller")),
            new Persona("demo-austen", "Demo Elizabeth Mockbennet", "Jane Austen", "Charlotte Brontë",
                    List.of("classics", "romance")));

    private DemoUsers() {
    }

    /** The demo users, their purchases taken from the demo catalog on the classpath. */
    public static List<DemoUser> all() {
        return all(BookCsv.readDemoCatalog());
    }

    /** The demo users; "purchased" holds up to {@link #PURCHASED} books of the main author found in {@code catalog}. */
    public static List<DemoUser> all(List<DemoBook> catalog) {
        List<DemoUser> users = new ArrayList<>(PERSONAS.size());
        for (Persona p : PERSONAS) {
            users.add(toUser(p, catalog));
        }
        return List.copyOf(users);
    }

    private static DemoUser toUser(Persona p, List<DemoBook> catalog) {
        List<String> purchased = new ArrayList<>();
        for (DemoBook b : catalog) {
            if (purchased.size() < PURCHASED && b.authors().contains(p.mainAuthor())) {
                purchased.add(b.itemId());
            }
        }
        List<String> interests = new ArrayList<>(p.genres());
        interests.add(p.mainAuthor());
        interests.add(p.secondAuthor());
        // LinkedHashMap keeps a stable attribute order in JSON.
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("interests", List.copyOf(interests));
        attributes.put("purchased", List.copyOf(purchased));
        attributes.put("email", p.userId() + "@example.com");
        float[] features = DemoEmbeddings.blend(
                new float[][] {DemoEmbeddings.authorVector(p.mainAuthor()), DemoEmbeddings.authorVector(p.secondAuthor())},
                new double[] {1.0, SECOND_INTEREST_WEIGHT});
        return new DemoUser(p.userId(), p.userName(), Collections.unmodifiableMap(attributes), features);
    }
}
