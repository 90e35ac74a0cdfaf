package com.example.profiles.demo;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemService;
import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventOutcome;
import com.example.profiles.event.EventService;
import com.example.profiles.model.ModelNames;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.profile.ProfileWrite;
import com.example.profiles.profile.UserVector;
import com.example.profiles.profile.UserVectorStore;
import com.example.profiles.profile.WriteCondition;
import com.example.profiles.startup.StartupOrder;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * With {@code recommend.demo.seed} (on in dev mode), fills an empty catalog with the 10,000
 * goodbooks-10k books and their demo embeddings, and creates the demo users if they are absent,
 * so that a newcomer's first recommendation call returns something sensible.
 */
@ApplicationScoped
public class DemoSeeder {
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Invented for the demo: book_id mod 3 picks one. */
    static final List<String> FORMATS = List.of("paperback", "hardcover", "ebook");

    private final ItemService items;
    private final ProfileStore profiles;
    private final RecommendConfig config;
    private final EventService events;
    private final UserVectorStore vectors;

    public DemoSeeder(ItemService items, ProfileStore profiles, RecommendConfig config, EventService events,
                      UserVectorStore vectors) {
        this.items = items;
        this.profiles = profiles;
        this.config = config;
        this.events = events;
        this.vectors = vectors;
    }

    void onStart(@Observes @Priority(StartupOrder.DEMO_DATA) StartupEvent event) {
        if (!config.demo().seed()) {
            return;
        }
        // Start-up, not a request: waiting keeps the first catalog load after the seed.
        seed().await().atMost(Duration.ofMinutes(3));
    }

    Uni<Void> seed() {
        List<DemoBook> books = BookCsv.readDemoCatalog();
        Uni<Void> catalog = items.isEmpty().flatMap(empty -> empty ? writeCatalog(books) : Uni.createFrom().voidItem());
        List<DemoUser> users = DemoUsers.all(books);
        return catalog.flatMap(ignored -> writeUsers(users)).flatMap(ignored -> writeEvents(users, books))
                .flatMap(ignored -> config.demo().shoppers() ? writeShoppers(DemoShoppers.all(books))
                        : Uni.createFrom().voidItem());
    }

    /**
     * The shoppers with a past (for the README's offline evaluation): each profile with its vector valid from before
     * its purchases, then the purchases. Idempotent like the demo users and their events.
     */
    private Uni<Void> writeShoppers(List<DemoShoppers.Shopper> shoppers) {
        return Multi.createFrom().iterable(shoppers)
                .onItem().transformToUniAndConcatenate(shopper -> profiles.put(shopper.userId(),
                                new ProfileWrite("Demo shopper", JsonAttributes.toMap(JSON.valueToTree(Map.of(
                                        "interests", List.of(shopper.mainAuthor(), shopper.secondAuthor())))), null),
                                new WriteCondition(false, List.of(), true))
                        .replaceWith(true)
                        // already there from an earlier run, with its past: a restart writes nothing more
                        .onFailure(ProblemException.class).recoverWithItem(false)
                        .flatMap(created -> created ? past(shopper) : Uni.createFrom().item(0)))
                .collect().asList()
                .invoke(applied -> LOG.infof("demo shoppers: %d, %d past purchases applied", shoppers.size(),
                        applied.stream().mapToInt(Integer::intValue).sum()))
                .replaceWithVoid();
    }

    /** Idempotent by event id: a restart finds them stored and changes nothing. */
    private Uni<Void> writeEvents(List<DemoUser> users, List<DemoBook> books) {
        return Multi.createFrom().iterable(users)
                .onItem().transformToUniAndConcatenate(user -> {
                    var inputs = DemoEvents.of(user, books);
                    return inputs.isEmpty() ? Uni.createFrom().item(0)
                            : events.record(user.userId(), inputs)
                                    .map(outcomes -> (int) outcomes.stream()
                                            .filter(o -> o.status() == EventOutcome.Status.APPLIED).count())
                                    // A profile deleted between its seeding and this call only misses its demo events.
                                    .onFailure(ProblemException.class).recoverWithItem(0);
                })
                .collect().asList()
                .invoke(applied -> LOG.infof("demo events: %d applied", applied.stream().mapToInt(Integer::intValue).sum()))
                .replaceWithVoid();
    }

    /** The shopper's vector, valid from before its purchases as a backfill would load it, then the purchases. */
    private Uni<Integer> past(DemoShoppers.Shopper shopper) {
        return vectors.put(ModelNames.DEFAULT, new UserVector(shopper.userId(), shopper.features(),
                        DemoShoppers.VECTOR_TIME))
                .flatMap(ignored -> events.record(shopper.userId(), shopper.purchases()))
                .map(outcomes -> (int) outcomes.stream().filter(o -> o.status() == EventOutcome.Status.APPLIED).count())
                // a shopper deleted meanwhile only misses its past
                .onFailure(ProblemException.class).recoverWithItem(0);
    }

    private Uni<Void> writeCatalog(List<DemoBook> books) {
        List<CatalogItem> catalog = books.stream().map(DemoSeeder::item).toList();
        long started = System.nanoTime();
        return items.putAll(catalog)
                .invoke(() -> LOG.infof("demo catalog seeded: %d books in %d ms", books.size(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis()));
    }

    private static CatalogItem item(DemoBook book) {
        CatalogItem item = new CatalogItem();
        item.setItemId(book.itemId());
        item.setTitle(book.title());
        item.setAuthors(book.authors());
        item.setEmbedding(DemoEmbeddings.embed(book));
        item.setAttributes(attributes(book));
        return item;
    }

    /**
     * The facets a demo request can filter on, from the data set's own columns; only {@code in_stock} and
     * {@code format} are invented (deterministic by book number, so every run sees the same shop). Beside them,
     * {@code cover_url}, the picture the explorer page shows.
     */
    static Map<String, AttributeValue> attributes(DemoBook book) {
        Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
        if (book.year() != null) {
            attributes.put("published_year", AttributeValue.fromN(book.year().toString()));
        }
        if (book.averageRating() != null) {
            attributes.put("average_rating", AttributeValue.fromN(book.averageRating().toString()));
        }
        if (book.ratingsCount() != null) {
            attributes.put("popularity", AttributeValue.fromN(book.ratingsCount().toString()));
        }
        if (book.language() != null) {
            attributes.put("language", AttributeValue.fromS(book.language()));
        }
        if (book.series() != null) {
            attributes.put("series", AttributeValue.fromS(book.series()));
        }
        long number = Long.parseLong(book.itemId().substring("book-".length()));
        attributes.put("in_stock", AttributeValue.fromBool(number % 7 != 0));
        attributes.put("format", AttributeValue.fromS(FORMATS.get((int) (number % FORMATS.size()))));
        if (book.coverUrl() != null) {
            // Not a facet: it changes neither the filters nor the catalog version.
            attributes.put("cover_url", AttributeValue.fromS(book.coverUrl()));
        }
        attributes.put("source", AttributeValue.fromS("goodbooks-10k (CC BY-SA 4.0)"));
        return attributes;
    }

    private Uni<Void> writeUsers(List<DemoUser> users) {
        return Multi.createFrom().iterable(users)
                .onItem().transformToUniAndConcatenate(user -> profiles.put(user.userId(),
                                new ProfileWrite(user.userName(), JsonAttributes.toMap(JSON.valueToTree(user.attributes())),
                                        user.features()),
                                new WriteCondition(false, List.of(), true))
                        .replaceWith(true)
                        // Already there from an earlier run: keep whatever the developer changed.
                        .onFailure(ProblemException.class).recoverWithItem(false))
                .collect().asList()
                .invoke(created -> LOG.infof("demo users: %d created, %d already present",
                        created.stream().filter(c -> c).count(), created.stream().filter(c -> !c).count()))
                .replaceWithVoid();
    }
}
