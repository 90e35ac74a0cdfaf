package com.example.profiles.region;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import com.example.profiles.localengine.DynoxideProcess;
import com.example.profiles.support.DelayProxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Two regions on two real engines: us-west-2 (local) is a dynoxide on a db file under target/,
 * eu-west-1 (fallback) another dynoxide on its own db file, reached through a {@link DelayProxy}
 * adding ~100 ms. The app creates its tables in the local engine itself (create-tables); this
 * resource creates them in the remote one. Starts after the global in-memory engine (higher
 * order), so its endpoint override wins.
 */
public class TwoRegionsResource implements QuarkusTestResourceLifecycleManager {

    static final String LOCAL = "us-west-2";
    static final String REMOTE = "eu-west-1";
    static final Duration PROXY_DELAY = Duration.ofMillis(100);

    private Regions regions;

    /** What the test needs to reach and break the regions. */
    public static final class Regions {
        final Path binary = DynoxideProcess.DEFAULT_BINARY;
        final int localPort;
        final Path localDb;
        final Path localLog;
        volatile DynoxideProcess local;
        final DynoxideProcess remote;
        final DelayProxy proxy;

        Regions(int localPort, Path localDb, Path localLog, DynoxideProcess local, DynoxideProcess remote, DelayProxy proxy) {
            this.localPort = localPort;
            this.localDb = localDb;
            this.localLog = localLog;
            this.local = local;
            this.remote = remote;
            this.proxy = proxy;
        }

        /** Restarts the local engine on the same port and db file, as after a crash. */
        void restartLocal() {
            local = DynoxideProcess.start(binary, localPort, localDb, localLog, Duration.ofSeconds(30));
        }

        DynoxideProcess local() {
            return local;
        }

        void close() {
            proxy.close();
            remote.close();
            if (local != null) {
                local.close();
            }
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createDirectories(Path.of("target", "failover-" + ProcessHandle.current().pid()));
            Files.deleteIfExists(dir.resolve("us-west-2.db"));
            Files.deleteIfExists(dir.resolve("eu-west-1.db"));
            int localPort = DynoxideProcess.freePort();
            Path localDb = dir.resolve("us-west-2.db");
            Path localLog = dir.resolve("us-west-2.log");
            DynoxideProcess local = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, localPort, localDb, localLog,
                    Duration.ofSeconds(30));
            DynoxideProcess remote = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, DynoxideProcess.freePort(),
                    dir.resolve("eu-west-1.db"), dir.resolve("eu-west-1.log"), Duration.ofSeconds(30));
            DelayProxy proxy = DelayProxy.start(remote.port(), PROXY_DELAY);
            regions = new Regions(localPort, localDb, localLog, local, remote, proxy);
            try (DynamoDbClient client = syncClient(remote.endpoint(), REMOTE)) {
                createTable(client, "UserProfiles", "user_id");
                createTable(client, "Items", "item_id");
            }
            return Map.ofEntries(
                    Map.entry("quarkus.dynamodb.endpoint-override", local.endpoint()),
                    Map.entry("profiles.region", LOCAL),
                    Map.entry("profiles.fallback-regions", REMOTE + "=" + proxy.endpoint()),
                    // Generous budgets for a loaded build machine; a killed engine refuses connections at once.
                    Map.entry("profiles.failover.read-timeout", "3s"),
                    Map.entry("profiles.failover.fallback-timeout", "5s"),
                    Map.entry("profiles.failover.breaker.request-volume-threshold", "4"),
                    Map.entry("profiles.failover.breaker.failure-ratio", "0.5"),
                    Map.entry("profiles.failover.breaker.delay", "30s"),
                    Map.entry("profiles.failover.breaker.success-threshold", "1"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(regions, new TestInjector.MatchesType(Regions.class));
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void stop() {
        if (regions != null) {
            regions.close();
        }
    }

    static DynamoDbClient syncClient(String endpoint, String region) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .build();
    }

    private static void createTable(DynamoDbClient client, String table, String key) {
        client.createTable(b -> b.tableName(table)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }
}
