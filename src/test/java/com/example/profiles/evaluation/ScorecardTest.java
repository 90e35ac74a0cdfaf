package com.example.profiles.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.example.profiles.event.StoredEvent;

/** The evaluation's pure parts against brute-force references written here from the definitions. */
class ScorecardTest {

    private static final double TOLERANCE = 1e-12;

    /** One user as the reference sees them: ranked rows best first, relevant rows, |T|. */
    private record Case(int[] ranked, Set<Integer> relevant, int relevantCount) {
    }

    @Test
    void everyFigureIsTheMeanOfItsDefinition() {
        SplittableRandom random = new SplittableRandom(11);
        int catalog = 60;
        int[] ks = { 1, 5, 10, 25, 40 };
        for (int trial = 0; trial < 20; trial++) {
            List<Case> cases = new ArrayList<>();
            Scorecard card = new Scorecard(ks, catalog);
            int users = 1 + random.nextInt(30);
            for (int u = 0; u < users; u++) {
                // rankings shorter than the depth happen when filters leave few rows
                int length = random.nextInt(10) == 0 ? random.nextInt(8) : 40;
                List<Integer> rows = new ArrayList<>();
                for (int r = 0; r < catalog; r++) {
                    rows.add(r);
                }
                java.util.Collections.shuffle(rows, new java.util.Random(random.nextLong()));
                int[] ranked = rows.subList(0, length).stream().mapToInt(Integer::intValue).toArray();
                Set<Integer> relevant = new HashSet<>();
                int size = 1 + random.nextInt(6);
                while (relevant.size() < size) {
                    relevant.add(random.nextInt(catalog));
                }
                int missing = random.nextInt(3); // relevant items the catalog no longer holds
                cases.add(new Case(ranked, relevant, size + missing));
                card.add(ranked, relevant, size + missing);
            }
            Map<Integer, RankingMetrics> result = card.result();
            assertThat(card.users()).isEqualTo(users);
            assertThat(result.keySet()).containsExactly(1, 5, 10, 25, 40);
            for (int k : ks) {
                RankingMetrics m = result.get(k);
                double precision = 0, recall = 0, ndcg = 0, hits = 0, mrr = 0;
                Set<Integer> covered = new HashSet<>();
                for (Case c : cases) {
                    int hit = 0;
                    double dcg = 0;
                    for (int i = 1; i <= k && i <= c.ranked().length; i++) {
                        covered.add(c.ranked()[i - 1]);
                        if (c.relevant().contains(c.ranked()[i - 1])) {
                            hit++;
                            dcg += 1 / (Math.log(i + 1) / Math.log(2));
                        }
                    }
                    double idcg = 0;
                    for (int i = 1; i <= Math.min(k, c.relevantCount()); i++) {
                        idcg += 1 / (Math.log(i + 1) / Math.log(2));
                    }
                    precision += hit / (double) k;
                    recall += hit / (double) c.relevantCount();
                    ndcg += dcg / idcg;
                    hits += hit > 0 ? 1 : 0;
                    for (int i = 1; i <= 25 && i <= c.ranked().length; i++) {
                        if (c.relevant().contains(c.ranked()[i - 1])) {
                            mrr += 1.0 / i;
                            break;
                        }
                    }
                }
                assertThat(m.precision()).as("precision@%d", k).isCloseTo(precision / users, within(TOLERANCE));
                assertThat(m.recall()).as("recall@%d", k).isCloseTo(recall / users, within(TOLERANCE));
                assertThat(m.ndcg()).as("ndcg@%d", k).isCloseTo(ndcg / users, within(TOLERANCE));
                assertThat(m.hitRate()).as("hit_rate@%d", k).isCloseTo(hits / users, within(TOLERANCE));
                assertThat(m.mrr()).as("mrr at 25, whatever k").isCloseTo(mrr / users, within(TOLERANCE));
                assertThat(m.coverage()).as("coverage@%d", k).isCloseTo(covered.size() / (double) catalog,
                        within(TOLERANCE));
            }
        }
    }

    @Test
    void aPerfectRankingScoresOneAndTheDepthCoversTheReciprocalRank() {
        Scorecard card = new Scorecard(new int[] { 2 }, 10);
        card.add(new int[] { 3, 4, 5 }, Set.of(3, 4), 2);
        RankingMetrics m = card.result().get(2);
        assertThat(m.precision()).isEqualTo(1.0);
        assertThat(m.recall()).isEqualTo(1.0);
        assertThat(m.ndcg()).isCloseTo(1.0, within(TOLERANCE));
        assertThat(m.mrr()).isEqualTo(1.0);
        assertThat(m.coverage()).isEqualTo(0.2);
        assertThat(Scorecard.depth(new int[] { 5, 10 })).isEqualTo(25);
        assertThat(Scorecard.depth(new int[] { 5, 40 })).isEqualTo(40);
    }

    @Test
    void theSampleIsSeededAndIndependentOfTheOrderUsersArrive() {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            users.add("user-" + i);
        }
        List<String> sample = UserSample.of(users, 50, 7);
        List<String> reversed = new ArrayList<>(users);
        java.util.Collections.reverse(reversed);
        assertThat(UserSample.of(reversed, 50, 7)).isEqualTo(sample);
        assertThat(sample).hasSize(50).doesNotHaveDuplicates().isSorted();
        assertThat(UserSample.of(users, 50, 8)).isNotEqualTo(sample);
        assertThat(UserSample.of(users, 600, 7)).hasSize(500).isSorted();
        // every user equally likely: over many seeds each is drawn about 10% of the time
        int[] drawn = new int[500];
        for (long seed = 0; seed < 400; seed++) {
            for (String user : UserSample.of(users, 50, seed)) {
                drawn[Integer.parseInt(user.substring(5))]++;
            }
        }
        for (int count : drawn) {
            assertThat(count).isBetween(15, 70);
        }
    }

    @Test
    void windowsSplitTheEventsAtTheCutoffAndReplayThePurchasedSet() {
        String cutoff = "2026-11-01T00:00:00.000Z";
        EventWindows windows = new EventWindows(cutoff, "2026-11-10T00:00:00.000Z", Set.of("purchase", "cart"));
        windows.add(event("a", "e1", "purchase", "x", "2026-10-01T00:00:00.000Z"));
        windows.add(event("a", "e3", "purchase", "z", "2026-10-03T00:00:00.000Z"));
        windows.add(event("a", "e2", "return", "x", "2026-10-02T00:00:00.000Z")); // arrives late, applies in time order
        windows.add(event("a", "e4", "purchase", "y", cutoff)); // at the cutoff: the past
        windows.add(event("a", "e5", "purchase", "w", "2026-11-01T00:00:00.001Z"));
        windows.add(event("a", "e6", "view", "v", "2026-11-02T00:00:00.000Z"));
        windows.add(event("b", "e7", "cart", "x", "2026-11-10T00:00:00.000Z")); // at until: inside
        windows.add(event("c", "e8", "purchase", "x", "2026-11-10T00:00:00.001Z")); // after until
        windows.add(event("b", "e9", "cart", "x", "2026-09-01T00:00:00.000Z"));
        assertThat(windows.users()).containsExactlyInAnyOrder("a", "b");
        assertThat(windows.relevant("a")).containsExactly("w");
        assertThat(windows.relevant("b")).containsExactly("x");
        assertThat(windows.seen("a", 1000)).containsExactlyInAnyOrder("z", "y");
        assertThat(windows.seen("b", 1000)).isEmpty();
        assertThat(windows.popularity(new String[] { "w", "x", "y", "z" })).containsExactly(0, 2, 1, 1);
        assertThat(EventWindows.scannedTypes(Set.of("view"))).containsExactly("purchase", "return", "view");
    }

    private static StoredEvent event(String user, String id, String type, String item, String at) {
        return new StoredEvent(user, id, type, item, null, at, at, null);
    }
}
