package com.example.profiles.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventSchema;
import com.example.profiles.event.EventStore;
import com.example.profiles.event.StoredEvent;
import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.profile.ProfileRow;
import com.example.profiles.region.FallbackClients;
import com.example.profiles.region.RegionConfig;
import com.example.profiles.region.RegionRouter;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A parallel Scan whose engine is killed in the middle of it: the pages that fail are asked again from
 * where each segment stood, so the scan ends with every item exactly once, and a scan that cannot finish
 * fails once, without Mutiny dropping (and logging) the other segments' failures. Readers get the items
 * on a worker, never on the client's I/O threads, where the service's client completes its responses: the
 * catalog's and the training export's readers alike.
 */
class PagedScanOutageTest {

    private static final int ITEMS = 3_000;
    private static final StoreErrors ERRORS = new StoreErrors("items table");
    private static final String EVENTS = "Events";

    private Path db;
    private int port;
    private DynoxideProcess engine;
    private DynamoDbAsyncClient dynamo;
    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void seed() throws Exception {
        Path dir = Path.of("target", "paged-scan");
        Files.createDirectories(dir);
        db = dir.resolve("engine-" + System.nanoTime() + ".db");
        port = DynoxideProcess.freePort();
        engine = start();
        dynamo = client()
                // The prod budgets, which a page is given its own of.
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(5)).apiCallAttemptTimeout(Duration.ofSeconds(2)))
                .build();
        new TableProvisioner(dynamo).ensureTable(new TableSpec("Scanned", "id"), false, Duration.ofSeconds(30))
                .await().atMost(Duration.ofSeconds(40));
        for (int from = 0; from < ITEMS; from += 25) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = from; i < from + 25; i++) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder()
                        .item(Map.of("id", AttributeValue.fromS("item-" + i))).build()).build());
            }
            dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of("Scanned", writes)).build()).join();
        }
        Infrastructure.setDroppedExceptionHandler(dropped::add);
    }

    @AfterEach
    void stop() {
        Infrastructure.resetDroppedExceptionHandler();
        dynamo.close();
        engine.close();
    }

    @Test
    void aScanOutlivesAnEngineOutageAndReadsEveryItemOnce() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        PagedScan.Policy policy = new PagedScan.Policy(4, Duration.ofSeconds(5), 40, Duration.ofMillis(100));
        List<String> ids = PagedScan.items(dynamo, request(), policy, retryable())
                .invoke(item -> {
                    if (seen.incrementAndGet() == ITEMS / 3) {
                        engine.kill();
                        Thread restart = new Thread(() -> {
                            sleep(3_000);
                            engine = start();
                        });
                        restart.start();
                    }
                })
                .map(item -> item.get("id").s())
                .collect().asList()
                .await().atMost(Duration.ofMinutes(2));

        Set<String> expected = new HashSet<>();
        for (int i = 0; i < ITEMS; i++) {
            expected.add("item-" + i);
        }
        assertThat(ids).hasSize(ITEMS);
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(dropped).isEmpty();
    }

    @Test
    void aScanThatCannotFinishFailsOnceAndDropsNothing() {
        engine.kill();
        PagedScan.Policy policy = new PagedScan.Policy(4, Duration.ofSeconds(2), 3, Duration.ofMillis(20));
        Throwable failure = catchThrowable(() -> PagedScan.items(dynamo, request(), policy, retryable())
                .collect().asList()
                .onFailure().transform(ERRORS::translate)
                .await().atMost(Duration.ofMinutes(1)));

        assertThat(failure).isInstanceOf(ProblemException.class);
        assertThat(((ProblemException) failure).status()).isEqualTo(503);
        assertThat(((ProblemException) failure).detail()).startsWith("the items table");
        sleep(500);
        assertThat(dropped).isEmpty();
    }

    @Test
    void readersSeeItemsOffTheClientsIoThreadsEvenWhenResponsesCompleteThere() {
        // As the service configures its client: futures complete on the I/O thread that read the response.
        try (DynamoDbAsyncClient direct = client()
                .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        (Executor) Runnable::run))
                .build()) {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            PagedScan.Policy policy = new PagedScan.Policy(4, Duration.ofSeconds(5), 3, Duration.ofMillis(100));
            List<Map<String, AttributeValue>> items = PagedScan.items(direct, request(), policy, retryable())
                    .invoke(item -> threads.add(Thread.currentThread().getName()))
                    .collect().asList()
                    .await().atMost(Duration.ofMinutes(1));

            assertThat(items).hasSize(ITEMS);
            assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("aws-java-sdk-NettyEventLoop"));
        }
    }

    @Test
    void trainingEventsAreReadOffTheClientsIoThreadsEvenWhenResponsesCompleteThere() {
        try (DynamoDbAsyncClient direct = client()
                .asyncConfiguration(c -> c.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
                        (Executor) Runnable::run))
                .build()) {
            int events = seedEvents();
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<StoredEvent> read = trainingEvents(direct)
                    .invoke(event -> threads.add(Thread.currentThread().getName()))
                    .collect().asList()
                    .await().atMost(Duration.ofMinutes(1));

            assertThat(read).hasSize(events);
            assertThat(threads).isNotEmpty().noneMatch(name -> name.startsWith("aws-java-sdk-NettyEventLoop"));
        }
    }

    /** Every event of the table, as the training export reads them: through the events store on the given client. */
    private static Multi<StoredEvent> trainingEvents(DynamoDbAsyncClient dynamo) {
        RegionConfig regionConfig = mapping(RegionConfig.class);
        RegionRouter regions = new RegionRouter(regionConfig, dynamo, new FallbackClients(regionConfig, dynamo),
                new SimpleMeterRegistry());
        EventStore store = new EventStore(regions, mapping(EventConfig.class),
                new ProfileRow(regions, mapping(ProfileConfig.class)));
        return store.scan(null, null, List.of(), 4);
    }

    private static <T> T mapping(Class<T> type) {
        return new SmallRyeConfigBuilder().withMapping(type)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withDefaultValue("events.table", EVENTS)
                .build().getConfigMapping(type);
    }

    /** Events as the events store writes them, each beside its idempotency guard (which no export reads). */
    private int seedEvents() {
        new TableProvisioner(dynamo).ensureTable(EventSchema.table(EVENTS), false, Duration.ofSeconds(30))
                .await().atMost(Duration.ofSeconds(40));
        int events = 1_000;
        for (int from = 0; from < events; from += 12) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = from; i < Math.min(events, from + 12); i++) {
                String user = "user-" + (i % 37);
                String at = String.format("2026-01-01T00:00:%02d.%03dZ", i / 1000, i % 1000);
                Map<String, AttributeValue> event = Map.of("user_id", AttributeValue.fromS(user),
                        "event_key", AttributeValue.fromS(at + "#e" + i), "event_id", AttributeValue.fromS("e" + i),
                        "type", AttributeValue.fromS("view"), "item_id", AttributeValue.fromS("book-" + i),
                        "occurred_at", AttributeValue.fromS(at), "recorded_at", AttributeValue.fromS(at));
                Map<String, AttributeValue> guard = Map.of("user_id", AttributeValue.fromS(user),
                        "event_key", AttributeValue.fromS("~id#e" + i), "event_id", AttributeValue.fromS("e" + i),
                        "occurred_at", AttributeValue.fromS(at));
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(event).build()).build());
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(guard).build()).build());
            }
            dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(EVENTS, writes)).build()).join();
        }
        return events;
    }

    /** A client of the test's engine over the Netty client the service uses. */
    private DynamoDbAsyncClientBuilder client() {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(engine.endpoint()))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder());
    }

    /** Small pages, so that the scan is many pages long. */
    private static ScanRequest request() {
        return ScanRequest.builder().tableName("Scanned").limit(50).build();
    }

    private static java.util.function.Predicate<Throwable> retryable() {
        return failure -> ERRORS.translate(failure).status() == 503;
    }

    private DynoxideProcess start() {
        return DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, db,
                db.resolveSibling("engine.log"), Duration.ofSeconds(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
