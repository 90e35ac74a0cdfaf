package com.example.profiles.catalog;

import java.util.Map;

import com.example.profiles.dynamo.TableSpec;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * How a pod finds what changed in the Items table since its snapshot, without a stream: every item write
 * stamps {@code changed_at} (epoch milliseconds, at the moment the write is sent) and {@code change_shard}
 * (one of {@link #SHARDS}, from the item id), which key the global secondary index {@value #INDEX}. A
 * refresh queries each shard for {@code changed_at >= since}. A delete leaves a tombstone ({@code deleted}
 * set, the item's content removed) that the index shows and loads skip; {@code expires_at} lets the table's
 * TTL purge it after the tombstone retention.
 */
public final class ItemChanges {

    public static final String INDEX = "changes";
    public static final String SHARD = "change_shard";
    public static final String CHANGED_AT = "changed_at";
    public static final String DELETED = "deleted";
    public static final String EXPIRES_AT = "expires_at";
    /**
     * Index partitions the changes are spread over: one index partition key takes about 1,000 writes per
     * second, less than an import writes. Fixed: items already written keep their shard.
     */
    public static final int SHARDS = 16;

    public static final TableSpec.SecondaryIndex INDEX_SPEC = new TableSpec.SecondaryIndex(INDEX, SHARD, CHANGED_AT);

    private ItemChanges() {
    }

    /** The shard of an item: String.hashCode is specified, so every pod and tool agrees. */
    public static int shardOf(String itemId) {
        return Math.floorMod(itemId.hashCode(), SHARDS);
    }

    /** Adds the change stamp to a stored item's attributes. */
    public static Map<String, AttributeValue> stamp(Map<String, AttributeValue> raw, long changedAtMillis) {
        raw.put(SHARD, AttributeValue.fromN(Integer.toString(shardOf(raw.get(ItemSchema.ITEM_ID).s()))));
        raw.put(CHANGED_AT, AttributeValue.fromN(Long.toString(changedAtMillis)));
        return raw;
    }

    static boolean isTombstone(Map<String, AttributeValue> raw) {
        AttributeValue deleted = raw.get(DELETED);
        return deleted != null && Boolean.TRUE.equals(deleted.bool());
    }
}
