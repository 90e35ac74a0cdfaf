package com.example.profiles.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import com.example.profiles.model.ModelNames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.catalog.CatalogBuilder;
import com.example.profiles.catalog.CatalogClustering;
import com.example.profiles.catalog.Embeddings;
import com.example.profiles.catalog.PruningConfig;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.kernel.CatalogMatrix;
import com.example.profiles.kernel.Kernels;
import com.example.profiles.kernel.Metric;
import com.example.profiles.kernel.Scores;
import com.example.profiles.kernel.ScoringKernel;
import com.example.profiles.kernel.SearchResult;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Property test of the ranking under constraints: for random catalogs with random facets, random filters (from
 * none to everything), exclusions, {@code max_per} and {@code offset}, the page equals a plain brute force
 * written here: score every row with the kernel, keep the rows the filter (evaluated here on the raw values)
 * and exclusions let through, sort, walk skipping full groups, cut the page. Both kernels and both precisions.
 */
class RankerTest {

    private static final List<String> FACETS = List.of("language", "format", "genres", "series", "in_stock", "price",
            "popularity");
    private static final String[] LANGUAGES = {"eng", "fre", "ger", "spa"};
    private static final String[] GENRES = {"fantasy", "sci-fi", "crime", "romance", "history"};
    private static final String[] AUTHORS = {"Ann", "Bob", "Cy", "Di", "Ed", "Flo", "Gus"};

    private static final Map<String, ScoringEngine> ENGINES = new LinkedHashMap<>();
    private static final ScoringMetrics METRICS = new ScoringMetrics(new SimpleMeterRegistry());

    @BeforeAll
    static void engines() {
        for (String kernel : List.of("vector", "scalar")) {
            ENGINES.put(kernel, new ScoringEngine(EngineTestConfig.of(RecommendConfig.PrecisionPreference.AUTO), Kernels.select(kernel),
                    METRICS));
        }
    }

    @AfterAll
    static void stop() {
        ENGINES.values().forEach(ScoringEngine::stop);
    }

    /**
     * With {@code clustered}, the catalog's vectors are a mixture of tight groups and its embeddings are laid out
     * in clusters, so that the planner prunes most of these searches: their pages must equal the same brute force
     * (over catalog rows, ties by item id), and some must have been pruned.
     */
    @ParameterizedTest(name = "{0} kernel, {1}, seed {2}, clustered {3}")
    @CsvSource({"vector, FLOAT32, 1, false", "vector, INT8, 2, false", "scalar, FLOAT32, 3, false",
            "scalar, INT8, 4, false", "vector, FLOAT32, 5, false", "vector, INT8, 6, false",
            "vector, FLOAT32, 7, true", "vector, INT8, 8, true", "scalar, FLOAT32, 9, true", "scalar, INT8, 10, true"})
    void vectorRankingEqualsBruteForce(String kernel, RecommendConfig.PrecisionPreference precision, long seed,
                                       boolean clustered) {
        ScoringEngine engine = ENGINES.get(kernel);
        assertThat(engine.kernel().name()).startsWith(kernel.equals("vector") ? "vector" : "scalar");
        CatalogClustering clustering = clustered
                ? new CatalogClustering(PruningConfig.Mode.ON, 1, null, seed, engine.kernel(), 1) : null;
        SplittableRandom rnd = new SplittableRandom(seed);
        int pruned = 0;
        for (int round = 0; round < 40; round++) {
            int rows = 1 + rnd.nextInt(round < 30 ? 400 : 5000);
            int dim = 1 + rnd.nextInt(24);
            List<CatalogBuilder.Row> loaded = catalogRows(rnd, rows, dim, clustered);
            Catalog catalog = CatalogBuilder.build(loaded, precision, FACETS, dim, clustering).catalog();
            Embeddings embeddings = catalog.embeddings(ModelNames.DEFAULT);
            assertThat(embeddings.precision().label()).isEqualTo(precision.label());
            assertThat(embeddings.clusters() != null).isEqualTo(clustered);
            Map<String, CatalogBuilder.Row> byId = new LinkedHashMap<>();
            loaded.forEach(r -> byId.put(r.itemId(), r));
            for (int q = 0; q < 8; q++) {
                float[] query = vector(rnd, dim);
                Metric metric = rnd.nextBoolean() ? Metric.DOT : Metric.COSINE;
                RandomFilter filter = rnd.nextInt(4) == 0 ? null : RandomFilter.of(rnd, 3);
                RecommendRequest request = request(rnd, metric, filter, rows);
                Constraints constraints = Constraints.resolve(catalog, request);
                Ranker.Ranking ranking = new Ranker(engine, METRICS).rank(catalog,
                        Order.byVector(ModelNames.DEFAULT, query), request, constraints).await().indefinitely();
                SearchResult page = ranking.page();
                pruned += "pruned".equals(ranking.model().scan()) ? 1 : 0;

                List<Integer> passing = passing(catalog, byId, filter, request);
                assertThat(constraints.passed()).as("passed_filter").isEqualTo(passing.size());
                float qn = CatalogMatrix.l2Norm(query);
                List<float[]> scored = new ArrayList<>();
                for (int row : passing) {
                    scored.add(new float[] {Scores.score(engine.kernel(), embeddings.matrix(),
                            embeddings.matrixRow(row), query, qn, metric), row});
                }
                scored.sort(Comparator.<float[]>comparingDouble(e -> -e[0]).thenComparingDouble(e -> e[1]));
                List<Integer> expectedRows = new ArrayList<>();
                List<Float> expectedScores = new ArrayList<>();
                walk(catalog, byId, request, scored, expectedRows, expectedScores);
                String what = "round " + round + " query " + q + " rows " + rows + " filter " + filter + " " + request;
                assertThat(rows(page)).as(what).isEqualTo(expectedRows);
                assertThat(scores(page)).as(what).isEqualTo(expectedScores);
                // the offline evaluation's replay: the same pipeline in the calling thread, the same answer
                SearchResult here = new Ranker(engine, METRICS).rankHere(catalog,
                        Order.byVector(ModelNames.DEFAULT, query), null, request, constraints);
                assertThat(rows(here)).as("replayed " + what).isEqualTo(expectedRows);
                assertThat(scores(here)).as("replayed " + what).isEqualTo(expectedScores);
            }
        }
        if (clustered) {
            assertThat(pruned).as("pruned answers").isGreaterThan(40);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11", "12", "13"})
    void popularityRankingEqualsBruteForce(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int round = 0; round < 40; round++) {
            int rows = 1 + rnd.nextInt(3000);
            List<CatalogBuilder.Row> loaded = catalogRows(rnd, rows, 4);
            Catalog catalog = CatalogBuilder.build(loaded, RecommendConfig.PrecisionPreference.FLOAT32, FACETS, 4).catalog();
            Map<String, CatalogBuilder.Row> byId = new LinkedHashMap<>();
            loaded.forEach(r -> byId.put(r.itemId(), r));
            RandomFilter filter = rnd.nextInt(3) == 0 ? null : RandomFilter.of(rnd, 2);
            RecommendRequest request = request(rnd, Metric.DOT, filter, rows);
            Constraints constraints = Constraints.resolve(catalog, request);
            String interest = rnd.nextBoolean() ? GENRES[rnd.nextInt(GENRES.length)] : null;
            Order coldStart = Order.coldStart(ModelNames.DEFAULT, interest == null ? List.of() : List.of(interest));
            SearchResult page = new Ranker(ENGINES.get("vector"), METRICS).rank(catalog, coldStart, request, constraints)
                    .await().indefinitely().page();

            List<Integer> passing = passing(catalog, byId, filter, request);
            Comparator<Integer> order = Comparator.<Integer, Boolean>comparing(row -> !hasGenre(byId, catalog, row,
                            interest))
                    .thenComparing(row -> popularity(byId, catalog, row) == null)
                    .thenComparing(row -> -Optional.ofNullable(popularity(byId, catalog, row)).orElse(0.0))
                    .thenComparing(row -> catalog.itemIds()[row]);
            passing.sort(order);
            List<float[]> ranked = new ArrayList<>();
            for (int row : passing) {
                Double p = popularity(byId, catalog, row);
                ranked.add(new float[] {p == null ? 0f : p.floatValue(), row});
            }
            List<Integer> expectedRows = new ArrayList<>();
            List<Float> expectedScores = new ArrayList<>();
            walk(catalog, byId, request, ranked, expectedRows, expectedScores);
            String what = "round " + round + " rows " + rows + " filter " + filter + " interest " + interest + " " + request;
            assertThat(rows(page)).as(what).isEqualTo(expectedRows);
            assertThat(scores(page)).as(what).isEqualTo(expectedScores);
            if (interest == null) {
                // the offline evaluation's baseline: the same walk over a popularity it passes in
                SearchResult here = new Ranker(ENGINES.get("vector"), METRICS).rankHere(catalog, coldStart,
                        catalog.facets().numbers("popularity"), request, constraints);
                assertThat(rows(here)).as("replayed " + what).isEqualTo(expectedRows);
                assertThat(scores(here)).as("replayed " + what).isEqualTo(expectedScores);
            }
        }
    }

    /** The brute-force walk: in order, skip rows whose group (first value of the facet) is full; cut the page. */
    private static void walk(Catalog catalog, Map<String, CatalogBuilder.Row> byId, RecommendRequest request,
                             List<float[]> ordered, List<Integer> rows, List<Float> scores) {
        Map<String, Integer> taken = new java.util.HashMap<>();
        int position = 0;
        for (float[] e : ordered) {
            int row = (int) e[1];
            if (request.maxPer() != null) {
                String group = firstValue(byId.get(catalog.itemIds()[row]).facets().get(request.maxPer().facet()));
                if (group != null) {
                    int n = taken.getOrDefault(group, 0);
                    if (n >= request.maxPer().count()) {
                        continue;
                    }
                    taken.put(group, n + 1);
                }
            }
            if (position >= request.offset() && position < request.offset() + request.k()) {
                rows.add(row);
                scores.add(e[0]);
            }
            position++;
        }
    }

    private static List<Integer> passing(Catalog catalog, Map<String, CatalogBuilder.Row> byId, RandomFilter filter,
                                         RecommendRequest request) {
        Set<String> excluded = new HashSet<>(request.excludeIds());
        List<Integer> out = new ArrayList<>();
        for (int row = 0; row < catalog.size(); row++) {
            String id = catalog.itemIds()[row];
            if (!excluded.contains(id) && (filter == null || filter.test(byId.get(id).facets()))) {
                out.add(row);
            }
        }
        return out;
    }

    private static RecommendRequest request(SplittableRandom rnd, Metric metric, RandomFilter filter, int rows) {
        int k = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 200 : 20);
        int offset = rnd.nextInt(3) == 0 ? rnd.nextInt(30) : 0;
        List<String> exclude = new ArrayList<>();
        int excluded = rnd.nextInt(3) == 0 ? rnd.nextInt(Math.min(rows, 50) + 1) : 0;
        for (int i = 0; i < excluded; i++) {
            exclude.add(id(rnd.nextInt(rows)));
        }
        if (rnd.nextInt(5) == 0) {
            exclude.add("not-in-the-catalog");
        }
        RecommendRequest.MaxPer maxPer = switch (rnd.nextInt(5)) {
            case 0 -> new RecommendRequest.MaxPer("authors", 1 + rnd.nextInt(3));
            case 1 -> new RecommendRequest.MaxPer("series", 1 + rnd.nextInt(2));
            case 2 -> new RecommendRequest.MaxPer("language", 1 + rnd.nextInt(4));
            default -> null;
        };
        return new RecommendRequest(k, offset, metric, false, exclude, filter == null ? null : filter.text(), maxPer,
                false, RecommendRequest.Fallback.NONE);
    }

    private static List<CatalogBuilder.Row> catalogRows(SplittableRandom rnd, int rows, int dim) {
        return catalogRows(rnd, rows, dim, false);
    }

    /** @param grouped vectors near one of a few centres (a clustered catalog), else uniform in the cube */
    private static List<CatalogBuilder.Row> catalogRows(SplittableRandom rnd, int rows, int dim, boolean grouped) {
        float[][] centres = new float[grouped ? 1 + rnd.nextInt(12) : 0][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = vector(rnd, dim);
        }
        List<CatalogBuilder.Row> out = new ArrayList<>();
        int series = 1 + rnd.nextInt(30);
        for (int r = 0; r < rows; r++) {
            Map<String, Object> facets = new LinkedHashMap<>();
            if (rnd.nextInt(10) > 0) {
                facets.put("language", LANGUAGES[rnd.nextInt(LANGUAGES.length)]);
            }
            if (rnd.nextInt(4) > 0) {
                List<String> authors = new ArrayList<>();
                int n = 1 + rnd.nextInt(3);
                for (int i = 0; i < n; i++) {
                    authors.add(AUTHORS[rnd.nextInt(AUTHORS.length)]);
                }
                facets.put("authors", authors);
            }
            if (rnd.nextInt(3) == 0) {
                facets.put("series", "series-" + rnd.nextInt(series));
            }
            if (rnd.nextBoolean()) {
                facets.put("genres", List.of(GENRES[rnd.nextInt(GENRES.length)], GENRES[rnd.nextInt(GENRES.length)]));
            }
            if (rnd.nextInt(5) > 0) {
                facets.put("in_stock", rnd.nextInt(3) > 0);
            }
            if (rnd.nextInt(5) > 0) {
                facets.put("price", (double) rnd.nextInt(40));
            }
            if (rnd.nextInt(6) > 0) {
                // small range: popularity ties are frequent, so the item_id tie rule is exercised
                facets.put("popularity", (double) rnd.nextInt(50));
            }
            // duplicate vectors now and then: score ties must fall back to item_id order
            float[] embedding = r > 0 && rnd.nextInt(10) == 0 ? out.get(rnd.nextInt(r)).embedding().clone()
                    : grouped ? near(rnd, centres[rnd.nextInt(centres.length)]) : vector(rnd, dim);
            out.add(new CatalogBuilder.Row(id(r), "title " + r, embedding, facets));
        }
        return out;
    }

    private static String id(int r) {
        return "item-" + r;
    }

    /** A point within 0.02 per coordinate of {@code centre}. */
    private static float[] near(SplittableRandom rnd, float[] centre) {
        float[] v = centre.clone();
        for (int i = 0; i < v.length; i++) {
            v[i] += (float) (rnd.nextDouble() * 0.04 - 0.02);
        }
        return v;
    }

    private static float[] vector(SplittableRandom rnd, int dim) {
        float[] v = new float[dim];
        for (int i = 0; i < dim; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static String firstValue(Object value) {
        if (value instanceof List<?> list) {
            return (String) list.get(0);
        }
        return (String) value;
    }

    private static boolean hasGenre(Map<String, CatalogBuilder.Row> byId, Catalog catalog, int row, String genre) {
        return genre != null && byId.get(catalog.itemIds()[row]).facets().get("genres") instanceof List<?> genres
                && genres.contains(genre);
    }

    private static Double popularity(Map<String, CatalogBuilder.Row> byId, Catalog catalog, int row) {
        return (Double) byId.get(catalog.itemIds()[row]).facets().get("popularity");
    }

    private static List<Integer> rows(SearchResult r) {
        List<Integer> out = new ArrayList<>();
        for (int row : r.rows()) {
            out.add(row);
        }
        return out;
    }

    private static List<Float> scores(SearchResult r) {
        List<Float> out = new ArrayList<>();
        for (float s : r.scores()) {
            out.add(s);
        }
        return out;
    }

    /** A random filter expression, with its own evaluation over raw facet values (not the catalog's columns). */
    record RandomFilter(String text, Predicate<Map<String, Object>> test) {

        boolean test(Map<String, Object> facets) {
            return test.test(facets);
        }

        @Override
        public String toString() {
            return text;
        }

        static RandomFilter of(SplittableRandom rnd, int depth) {
            if (depth == 0 || rnd.nextInt(3) == 0) {
                return leaf(rnd);
            }
            RandomFilter a = of(rnd, depth - 1);
            return switch (rnd.nextInt(3)) {
                case 0 -> {
                    RandomFilter b = of(rnd, depth - 1);
                    yield new RandomFilter("(" + a.text + ") and (" + b.text + ")", f -> a.test(f) && b.test(f));
                }
                case 1 -> {
                    RandomFilter b = of(rnd, depth - 1);
                    yield new RandomFilter("(" + a.text + ") or (" + b.text + ")", f -> a.test(f) || b.test(f));
                }
                default -> new RandomFilter("not (" + a.text + ")", f -> !a.test(f));
            };
        }

        private static RandomFilter leaf(SplittableRandom rnd) {
            switch (rnd.nextInt(6)) {
                case 0: {
                    String lang = LANGUAGES[rnd.nextInt(LANGUAGES.length)];
                    return new RandomFilter("language = \"" + lang + "\"", f -> lang.equals(f.get("language")));
                }
                case 1: {
                    String[] ops = {"<", "<=", ">", ">=", "=", "!="};
                    String op = ops[rnd.nextInt(ops.length)];
                    double x = rnd.nextInt(45) - 2;
                    Predicate<Map<String, Object>> cmp = f -> {
                        Object v = f.get("price");
                        if (!(v instanceof Double p)) {
                            return op.equals("!=");
                        }
                        return switch (op) {
                            case "<" -> p < x;
                            case "<=" -> p <= x;
                            case ">" -> p > x;
                            case ">=" -> p >= x;
                            case "=" -> p == x;
                            default -> p != x;
                        };
                    };
                    return new RandomFilter("attributes.price " + op + " " + (int) x, cmp);
                }
                case 2:
                    return new RandomFilter("in_stock", f -> Boolean.TRUE.equals(f.get("in_stock")));
                case 3: {
                    String g1 = GENRES[rnd.nextInt(GENRES.length)];
                    String g2 = GENRES[rnd.nextInt(GENRES.length)];
                    return new RandomFilter("genres in (\"" + g1 + "\", '" + g2 + "')",
                            f -> f.get("genres") instanceof List<?> gs && (gs.contains(g1) || gs.contains(g2)));
                }
                case 4: {
                    String author = AUTHORS[rnd.nextInt(AUTHORS.length)];
                    return new RandomFilter("authors = \"" + author + "\"",
                            f -> f.get("authors") instanceof List<?> as && as.contains(author));
                }
                default: {
                    boolean value = rnd.nextBoolean();
                    return new RandomFilter("in_stock = " + value, f -> Boolean.valueOf(value).equals(f.get("in_stock")));
                }
            }
        }
    }
}
