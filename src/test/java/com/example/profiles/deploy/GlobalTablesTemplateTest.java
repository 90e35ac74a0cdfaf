package com.example.profiles.deploy;

import static com.example.profiles.deploy.KubernetesManifestsTest.list;
import static com.example.profiles.deploy.KubernetesManifestsTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * deploy/cloudformation/global-tables.yaml parses and declares both global tables the way the
 * service and {@code TableProvisioner} expect them: key, on-demand billing, streams with new and
 * old images, point-in-time recovery and deletion protection on every replica.
 */
class GlobalTablesTemplateTest {

    private static final Path TEMPLATE = KubernetesManifestsTest.ROOT.resolve("deploy/cloudformation/global-tables.yaml");
    private static Map<String, Object> template;

    @BeforeAll
    static void parse() {
        template = YamlFiles.loadCloudFormation(TEMPLATE);
        assertEquals("2010-09-09", String.valueOf(template.get("AWSTemplateFormatVersion")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "UserProfilesTable, ProfilesTableName, UserProfiles, user_id, , expires_at",
            "ItemsTable,        ItemsTableName,    Items,        item_id, , expires_at",
            "UserEventsTable,   EventsTableName,   UserEvents,   user_id, event_key, expires_at",
            "ExperimentCountersTable, CountersTableName, ExperimentCounters, bucket, counter, " })
    void declaresTheGlobalTable(String resource, String nameParameter, String defaultName, String partitionKey,
            String sortKey, String ttl) {
        Map<String, Object> table = map(template, "Resources", resource);
        assertEquals("AWS::DynamoDB::GlobalTable", table.get("Type"));
        assertEquals("Retain", table.get("DeletionPolicy"), "a stack deletion must not drop the data");

        Map<String, Object> properties = map(table, "Properties");
        assertEquals(Map.of("Ref", nameParameter), properties.get("TableName"));
        assertEquals(defaultName, map(template, "Parameters", nameParameter).get("Default"));
        assertEquals("PAY_PER_REQUEST", properties.get("BillingMode"));
        assertEquals("NEW_AND_OLD_IMAGES", map(properties, "StreamSpecification").get("StreamViewType"));
        // The same key schema as the service's own table specs (start-up creation and the provision command).
        com.example.profiles.dynamo.TableSpec spec = switch (resource) {
            case "UserEventsTable" -> com.example.profiles.event.EventSchema.table(defaultName);
            case "ExperimentCountersTable" -> com.example.profiles.attribution.CounterTable.table(defaultName);
            case "UserProfilesTable" -> com.example.profiles.dynamo.TableSpec.of(defaultName,
                    com.example.profiles.profile.ProfileSchema.SCHEMA).withTtl(com.example.profiles.profile.ProfileSchema.EXPIRES_AT);
            default -> com.example.profiles.dynamo.TableSpec.of(defaultName, com.example.profiles.catalog.ItemSchema.SCHEMA)
                    .withIndex(com.example.profiles.catalog.ItemChanges.INDEX_SPEC)
                    .withTtl(com.example.profiles.catalog.ItemChanges.EXPIRES_AT);
        };
        var create = spec.createRequest();
        assertEquals(create.keySchema().stream().map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList(),
                properties.get("KeySchema"));
        assertEquals(create.attributeDefinitions().stream().map(a -> Map.of("AttributeName", a.attributeName(),
                "AttributeType", a.attributeTypeAsString())).toList(), properties.get("AttributeDefinitions"));
        assertEquals(partitionKey, create.keySchema().get(0).attributeName());
        assertEquals(sortKey, spec.sortKey());
        if (ttl == null) {
            assertEquals(null, properties.get("TimeToLiveSpecification"));
        } else {
            assertEquals(Map.of("AttributeName", ttl, "Enabled", true), properties.get("TimeToLiveSpecification"));
            assertEquals(ttl, spec.ttlAttribute());
        }

        List<Map<String, Object>> replicas = list(properties, "Replicas");
        assertTrue(replicas.size() >= 2, "replicated to at least two regions");
        Set<Object> regions = replicas.stream().map(r -> r.get("Region")).collect(Collectors.toSet());
        assertEquals(replicas.size(), regions.size(), "one replica per region");
        for (Map<String, Object> replica : replicas) {
            Object region = replica.get("Region");
            assertTrue(region instanceof Map && ((Map<?, ?>) region).containsKey("Ref"),
                    "replica regions are parameters: " + region);
            assertNotNull(map(template, "Parameters", (String) ((Map<?, ?>) region).get("Ref")));
            assertEquals(Boolean.TRUE, map(replica, "PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled"));
            assertNotNull(replica.get("DeletionProtectionEnabled"), "deletion protection on every replica");
        }

        Map<String, Object> outputs = map(template, "Outputs");
        assertTrue(outputs.values().stream().anyMatch(o -> ((Map<?, ?>) o).get("Value")
                .equals(Map.of("Fn::GetAtt", resource + ".Arn"))), "an output with the ARN of " + resource);
    }

    /** The items table carries what the service creates locally: the change index and the TTL of tombstones. */
    @org.junit.jupiter.api.Test
    void theItemsTableHasTheChangeIndexTheServiceCreates() {
        Map<String, Object> properties = map(template, "Resources", "ItemsTable", "Properties");
        software.amazon.awssdk.services.dynamodb.model.CreateTableRequest expected =
                new com.example.profiles.dynamo.TableSpec("Items", "item_id")
                        .withIndex(com.example.profiles.catalog.ItemChanges.INDEX_SPEC).createRequest();
        assertEquals(expected.attributeDefinitions().stream()
                        .map(a -> Map.of("AttributeName", a.attributeName(), "AttributeType", a.attributeTypeAsString()))
                        .toList(),
                properties.get("AttributeDefinitions"));
        List<Map<String, Object>> indexes = list(properties, "GlobalSecondaryIndexes");
        assertEquals(1, indexes.size());
        software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex index = expected.globalSecondaryIndexes().get(0);
        assertEquals(index.indexName(), indexes.get(0).get("IndexName"));
        assertEquals(index.keySchema().stream()
                        .map(k -> Map.of("AttributeName", k.attributeName(), "KeyType", k.keyTypeAsString())).toList(),
                indexes.get(0).get("KeySchema"));
        assertEquals(Map.of("ProjectionType", "ALL"), indexes.get(0).get("Projection"));
        assertEquals(Map.of("AttributeName", com.example.profiles.catalog.ItemChanges.EXPIRES_AT, "Enabled", Boolean.TRUE),
                properties.get("TimeToLiveSpecification"));
    }
}
