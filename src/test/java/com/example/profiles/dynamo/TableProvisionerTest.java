package com.example.profiles.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.example.profiles.localengine.DynoxideProcess;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Tables created at start get their stream unless profiles.create-tables-streams turns it off (dev). */
class TableProvisionerTest {

    @Test
    void createsTablesWithOrWithoutTheirStream() {
        int port = DynoxideProcess.freePort();
        try (DynoxideProcess engine = DynoxideProcess.start(DynoxideProcess.DEFAULT_BINARY, port, null,
                Path.of("target", "dynoxide-tables-" + port + ".log"), Duration.ofSeconds(30));
                DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                        .endpointOverride(URI.create(engine.endpoint()))
                        .region(Region.US_WEST_2)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                        .build()) {
            TableProvisioner provisioner = new TableProvisioner(client);
            Duration timeout = Duration.ofSeconds(30);
            assertThat(provisioner.ensureTable(new TableSpec("WithStream", "id"), true, timeout).await().atMost(timeout)).isTrue();
            assertThat(provisioner.ensureTable(new TableSpec("NoStream", "id"), false, timeout).await().atMost(timeout)).isTrue();
            assertThat(provisioner.ensureTable(new TableSpec("NoStream", "id"), false, timeout).await().atMost(timeout)).isFalse();

            TableDescription with = client.describeTable(DescribeTableRequest.builder().tableName("WithStream").build())
                    .join().table();
            TableDescription without = client.describeTable(DescribeTableRequest.builder().tableName("NoStream").build())
                    .join().table();
            assertThat(with.streamSpecification().streamEnabled()).isTrue();
            assertThat(with.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
            assertThat(without.streamSpecification() == null || !without.streamSpecification().streamEnabled()).isTrue();
        }
    }
}
