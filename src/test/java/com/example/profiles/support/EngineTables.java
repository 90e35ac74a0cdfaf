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

    /** Every item of the table as stored (consistent read, all pages). */
    public java.util.List<Map<String, AttributeValue>> scan(String table) {
        java.util.List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            ScanResponse page = client.scan(ScanRequest.builder().tableName(table).consistentRead(true)
                    .exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Every item of one partition (consistent read, all pages), in sort-key order. */
    public java.util.List<Map<String, AttributeValue>> partition(String table, String key, String value) {
        java.util.List<Map<String, AttributeValue>> items = new java.util.ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = client.query(software.amazon.awssdk.services.dynamodb.model.QueryRequest.builder()
                    .tableName(table).consistentRead(true)
                    .keyConditionExpression("#k = :v")
                    .expressionAttributeNames(Map.of("#k", key))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
                    .exclusiveStartKey(start).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** One item by its partition key, or null. */
    public Map<String, AttributeValue> item(String table, String key, String value) {
        var response = client.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(key, AttributeValue.fromS(value))));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    /** Writes a raw item, bypassing the service (to set up states the API does not offer, e.g. an expired profile). */
    public void put(String table, Map<String, AttributeValue> item) {
        client.putItem(p -> p.tableName(table).item(item));
    }

    /** Writes raw items, 25 per BatchWriteItem, bypassing the service (to seed many rows fast). */
    public void putAll(String table, java.util.List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += 25) {
            java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest> batch = items
                    .subList(from, Math.min(items.size(), from + 25)).stream()
                    .map(item -> software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                            .putRequest(p -> p.item(item)).build())
                    .toList();
            Map<String, java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> pending = Map.of(table, batch);
            while (!pending.isEmpty()) {
                Map<String, java.util.List<software.amazon.awssdk.services.dynamodb.model.WriteRequest>> request = pending;
                pending = client.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
    }

    /** The endpoint of the engine the current Quarkus test runs against. */
    public static EngineTables ofTestEngine() {
        return new EngineTables(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.dynamodb.endpoint-override", String.class));
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

    /** Creates a table, bypassing the service (to restore one a test took away). */
    public void create(software.amazon.awssdk.services.dynamodb.model.CreateTableRequest request) {
        client.createTable(request);
    }

    /** Deletes a table, bypassing the service: a store the service cannot write to. */
    public void drop(String table) {
        client.deleteTable(d -> d.tableName(table));
    }

    @Override
    public void close() {
        client.close();
    }
}
