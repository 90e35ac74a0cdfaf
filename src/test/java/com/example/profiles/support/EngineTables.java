package com.example.profiles.support;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads an engine's tables directly, bypassing the service: what a test asserts about the store
 * must not depend on the code under test.
 */
public final class EngineTables implements AutoCloseable {

    private final DynamoDbClient client;

    public EngineTables(String endpoint) {
        client = DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_WEST_2)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Every item of the table, keyed by its partition key, rendered as text: a snapshot to compare. */
    public Map<String, String> snapshot(String table, String key) {
        Map<String, String> items = new TreeMap<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .exclusiveStartKey(start).build());
            page.items().forEach(item -> items.put(item.get(key).s(), canonical(AttributeValue.fromM(item))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** A rendering independent of map order, so that equal items compare equal. */
    private static String canonical(AttributeValue value) {
        if (value.hasM()) {
            StringBuilder out = new StringBuilder("{");
            new TreeMap<>(value.m()).forEach((k, v) -> out.append(k).append('=').append(canonical(v)).append(';'));
            return out.append('}').toString();
        }
        if (value.hasL()) {
            StringBuilder out = new StringBuilder("[");
            value.l().forEach(v -> out.append(canonical(v)).append(';'));
            return out.append(']').toString();
        }
        return value.toString();
    }

    public boolean exists(String table, String key, String id) {
        return client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(key, AttributeValue.fromS(id)))).hasItem();
    }

    @Override
    public void close() {
        client.close();
    }
}
