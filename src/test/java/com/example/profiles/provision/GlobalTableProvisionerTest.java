package com.example.profiles.provision;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.localengine.DynoxideProcess;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;

/**
 * The provisioning sequence against a real dynoxide: table creation, waiting and idempotent
 * reruns are the engine's; the replica calls (which dynoxide lacks) are recorded, and only the
 * replica part of DescribeTable is stubbed, by {@link ReplicaStub}.
 */
class GlobalTableProvisionerTest {

    private static final List<TableSpec> TABLES = List.of(
            new TableSpec("UserProfiles", "user_id"),
            new TableSpec("Items", "item_id"));
    private static final List<String> REGIONS = List.of("us-west-2", "eu-west-1", "ap-southeast-2");

    private static DynoxideProcess engine;

    @BeforeAll
    static void startEngine() {
        int port = DynoxideProcess.freePort();
        engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, null,
                Path.of("target", "dynoxide-provision-" + port + ".log"), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void createsTablesAddsEachReplicaAndSkipsEverythingOnRerun() {
        ReplicaStub first = new ReplicaStub(Set.of());
        List<String> report = new ArrayList<>();
        try (DynamoDbClient client = client(first)) {
            new GlobalTableProvisioner(client, report::add, Duration.ofSeconds(60), Duration.ofMillis(50))
                    .provision(TABLES, REGIONS);

            for (TableSpec spec : TABLES) {
                TableDescription table = client.describeTable(b -> b.tableName(spec.name())).table();
                assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
                assertThat(table.keySchema()).singleElement().satisfies(k -> {
                    assertThat(k.attributeName()).isEqualTo(spec.partitionKey());
                    assertThat(k.keyType()).isEqualTo(KeyType.HASH);
                });
                assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
                assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            }
        }
        assertThat(first.count(CreateTableRequest.class)).isEqualTo(2);
        List<UpdateTableRequest> updates = first.replicaUpdates();
        // One UpdateTable per table and extra region, each creating exactly that replica.
        assertThat(updates).hasSize(4);
        assertThat(updates).allSatisfy(u -> assertThat(u.replicaUpdates()).singleElement()
                .satisfies(r -> assertThat(r.create()).isNotNull()));
        assertThat(updates.stream().map(u -> u.tableName() + "@" + u.replicaUpdates().get(0).create().regionName()))
                .containsExactly("UserProfiles@eu-west-1", "UserProfiles@ap-southeast-2", "Items@eu-west-1", "Items@ap-southeast-2");
        assertThat(report).contains(
                "created table UserProfiles in us-west-2 (key user_id, on-demand, stream NEW_AND_OLD_IMAGES)",
                "added replica of UserProfiles in eu-west-1",
                "added replica of Items in ap-southeast-2");

        // Rerun: the tables exist in the engine and DescribeTable reports the replicas.
        ReplicaStub rerun = new ReplicaStub(Set.of("eu-west-1", "ap-southeast-2"));
        List<String> again = new ArrayList<>();
        try (DynamoDbClient client = client(rerun)) {
            new GlobalTableProvisioner(client, again::add, Duration.ofSeconds(60), Duration.ofMillis(50))
                    .provision(TABLES, REGIONS);
        }
        assertThat(rerun.count(CreateTableRequest.class)).isZero();
        assertThat(rerun.count(UpdateTableRequest.class)).isZero();
        assertThat(again).contains("replica of Items in eu-west-1 exists (ACTIVE): skipped");
        assertThat(again).filteredOn(line -> line.startsWith("table UserProfiles exists in us-west-2")).hasSize(1);
    }

    @Test
    void aSingleRegionOnlyCreatesTables() {
        ReplicaStub stub = new ReplicaStub(Set.of());
        List<String> report = new ArrayList<>();
        List<TableSpec> tables = List.of(new TableSpec("Solo", "id"));
        try (DynamoDbClient client = client(stub)) {
            new GlobalTableProvisioner(client, report::add, Duration.ofSeconds(60), Duration.ofMillis(50))
                    .provision(tables, List.of("eu-west-1"));
        }
        assertThat(stub.count(UpdateTableRequest.class)).isZero();
        assertThat(report).last().isEqualTo("table Solo ACTIVE in eu-west-1, no replicas");
    }

    private static DynamoDbClient client(ReplicaStub stub) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(engine.endpoint()))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder().build())
                .overrideConfiguration(o -> o.addExecutionInterceptor(stub))
                .build();
    }
}
