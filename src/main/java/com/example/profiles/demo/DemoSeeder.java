package com.example.profiles.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.example.profiles.catalog.CatalogItem;
import com.example.profiles.catalog.ItemStore;
import com.example.profiles.codec.JsonAttributes;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.error.ProblemException;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.profile.ProfileWrite;
import com.example.profiles.profile.WriteCondition;
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

    /** After the tables exist (100), before the catalog's first load (300). */
    public static final int PRIORITY = 200;
    private static final Logger LOG = Logger.getLogger(DemoSeeder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** BatchWriteItem calls in flight: 8 x 25 items, well inside the client's pool of 50 connections. */
    private static final int CONCURRENT_BATCHES = 8;

    private final ItemStore items;
    private final ProfileStore profiles;
    private final RecommendConfig config;

    public DemoSeeder(ItemStore items, ProfileStore profiles, RecommendConfig config) {
        this.items = items;
        this.profiles = profiles;
        this.config = config;
    }

    void onStart(@Observes @Priority(PRIORITY) StartupEvent event) {
        if (!config.demo().seed()) {
            return;
        }
        // Start-up, not a request: waiting keeps the first catalog load after the seed.
        seed().await().atMost(Duration.ofMinutes(3));
    }

    Uni<Void> seed() {
        List<DemoBook> books = BookCsv.readDemoCatalog();
        Uni<Void> catalog = items.isEmpty().flatMap(empty -> empty ? writeCatalog(books) : Uni.createFrom().voidItem());
        return catalog.flatMap(ignored -> writeUsers(DemoUsers.all(books)));
    }

    private Uni<Void> writeCatalog(List<DemoBook> books) {
        String now = Instant.now().toString();
        List<List<CatalogItem>> chunks = new ArrayList<>();
        List<CatalogItem> chunk = new ArrayList<>();
        for (DemoBook book : books) {
            chunk.add(item(book, now));
            if (chunk.size() == ItemStore.BATCH_SIZE) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        long started = System.nanoTime();
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUni(items::putBatch).merge(CONCURRENT_BATCHES)
                .collect().last()
                .invoke(() -> LOG.infof("demo catalog seeded: %d books in %d ms", books.size(),
                        Duration.ofNanos(System.nanoTime() - started).toMillis()))
                .replaceWithVoid();
    }

    private static CatalogItem item(DemoBook book, String now) {
        CatalogItem item = new CatalogItem();
        item.setItemId(book.itemId());
        item.setTitle(book.title());
        item.setAuthors(book.authors());
        item.setEmbedding(DemoEmbeddings.embed(book));
        item.setUpdatedAt(now);
        Map<String, AttributeValue> attributes = new java.util.LinkedHashMap<>();
        if (book.year() != null) {
            attributes.put("year", AttributeValue.fromN(book.year().toString()));
        }
        if (book.averageRating() != null) {
            attributes.put("average_rating", AttributeValue.fromN(book.averageRating().toString()));
        }
        attributes.put("source", AttributeValue.fromS("goodbooks-10k (CC BY-SA 4.0)"));
        item.setAttributes(attributes);
        return item;
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
