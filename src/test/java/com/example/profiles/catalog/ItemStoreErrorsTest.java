package com.example.profiles.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.TableProvisioner;
import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.error.ProblemException;
import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.DelayProxy;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/** A failure of the Items table is reported as the items table's, not the profile store's. */
class ItemStoreErrorsTest {

    private static DynoxideProcess engine;

    @BeforeAll
    static void startEngine() {
        int port = DynoxideProcess.freePort();
        engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, null,
                Path.of("target", "dynoxide-item-errors-" + port + ".log"), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void aSlowItemsTableIsNamedInThe503() {
        try (DynamoDbAsyncClient direct = client(engine.endpoint(), Duration.ofSeconds(10));
                DelayProxy slow = DelayProxy.start(engine.port(), Duration.ofSeconds(2));
                DynamoDbAsyncClient timingOut = client("http://127.0.0.1:" + slow.port(), Duration.ofMillis(300))) {
            new TableProvisioner(direct).ensureTable(TableSpec.of("Items", ItemSchema.SCHEMA), false, Duration.ofSeconds(30))
                    .await().atMost(Duration.ofSeconds(40));
            CatalogItem item = new CatalogItem();
            item.setItemId("book-1");
            item.setTitle("A title");
            item.setEmbedding(new float[] {1f, 0f});
            ItemStore store = new ItemStore(direct, enhanced(direct), config());
            store.claimDimension(2).await().atMost(Duration.ofSeconds(10));
            store.put(item, 2).await().atMost(Duration.ofSeconds(10));

            Throwable failure = catchThrowable(() -> new ItemStore(timingOut, enhanced(timingOut), config())
                    .get("book-1").await().atMost(Duration.ofSeconds(10)));

            assertThat(failure).isInstanceOf(ProblemException.class);
            ProblemException problem = (ProblemException) failure;
            assertThat(problem.status()).isEqualTo(503);
            assertThat(problem.detail()).isEqualTo("the items table did not answer in time");
        }
    }

    private static DynamoDbAsyncClient client(String endpoint, Duration callTimeout) {
        return DynamoDbAsyncClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout))
                .build();
    }

    private static DynamoDbEnhancedAsyncClient enhanced(DynamoDbAsyncClient dynamo) {
        return DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(dynamo).build();
    }

    /** Only the table name is read by the store. */
    private static RecommendConfig config() {
        return (RecommendConfig) Proxy.newProxyInstance(RecommendConfig.class.getClassLoader(),
                new Class<?>[] {RecommendConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("itemsTable")) {
                        return "Items";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
