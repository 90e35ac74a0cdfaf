package com.example.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * No two packages of the application depend on each other, directly or through others: each
 * concern can be read, tested and changed from the bottom up. Dependencies are the imports of
 * src/main/java (also {@code import static}); a package's own classes need no import.
 */
class PackageCyclesTest {

    private static final String ROOT = "com.example.profiles";
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern IMPORT = Pattern.compile(
            "^import\\s+(?:static\\s+)?(" + Pattern.quote(ROOT) + "\\.[\\w.]+?)\\.(?:[A-Z][\\w.]*|\\*)\\s*;", Pattern.MULTILINE);

    @Test
    void noCycleBetweenPackages() {
        Map<String, Set<String>> graph = dependencies(Path.of("src/main/java"));
        assertTrue(graph.size() > 10, "found only " + graph.keySet() + ": wrong source root?");
        List<Set<String>> cycles = cycles(graph);
        assertEquals(List.of(), cycles.stream().map(c -> describe(c, graph)).toList(),
                "packages that depend on each other");
    }

    @Test
    void theCheckSeesACycle() {
        Map<String, Set<String>> graph = Map.of(
                "a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c")), cycles(graph));
    }

    /** Package to the application packages it imports from. */
    static Map<String, Set<String>> dependencies(Path sources) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    continue;
                }
                Set<String> targets = graph.computeIfAbsent(pkg.group(1), p -> new TreeSet<>());
                Matcher imported = IMPORT.matcher(text);
                while (imported.find()) {
                    if (!imported.group(1).equals(pkg.group(1))) {
                        targets.add(imported.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** Strongly connected components of more than one package (Tarjan). */
    static List<Set<String>> cycles(Map<String, Set<String>> graph) {
        Tarjan tarjan = new Tarjan(graph);
        new TreeSet<>(graph.keySet()).forEach(node -> {
            if (!tarjan.index.containsKey(node)) {
                tarjan.visit(node);
            }
        });
        return tarjan.components;
    }

    private static String describe(Set<String> cycle, Map<String, Set<String>> graph) {
        StringBuilder edges = new StringBuilder();
        for (String from : cycle) {
            for (String to : graph.getOrDefault(from, Set.of())) {
                if (cycle.contains(to)) {
                    edges.append(edges.length() == 0 ? "" : ", ").append(shortName(from)).append(" -> ").append(shortName(to));
                }
            }
        }
        return edges.toString();
    }

    private static String shortName(String pkg) {
        return pkg.startsWith(ROOT + ".") ? pkg.substring(ROOT.length() + 1) : pkg;
    }

    private static final class Tarjan {
        final Map<String, Set<String>> graph;
        final Map<String, Integer> index = new TreeMap<>();
        final Map<String, Integer> low = new TreeMap<>();
        final List<String> stack = new ArrayList<>();
        final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, Set<String>> graph) {
            this.graph = graph;
        }

        void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.add(node);
            for (String next : graph.getOrDefault(node, Set.of())) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (stack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.remove(stack.size() - 1);
                    component.add(member);
                } while (!member.equals(node));
                if (component.size() > 1) {
                    components.add(component);
                }
            }
        }
    }
}
