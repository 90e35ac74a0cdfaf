package com.example.profiles.attribution;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The experiment counters in the store ({@link CounterTable}): served answers added by each pod's background
 * flush, attributed events added inside the event's own transaction, and the report's read of an hour range.
 * Writes go to the local region's replica, under its own region's keys.
 */
@ApplicationScoped
public class CounterStore {

    /** Queries of a report run at once. */
    private static final int READ_CONCURRENCY = 8;
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final AttributeValue ZERO = AttributeValue.fromN("0");

    private final RegionRouter regions;
    private final String table;
    private final String region;
    private final StoreErrors errors = new StoreErrors("experiment counters table");

    public CounterStore(RegionRouter regions, AttributionConfig config) {
        this.regions = regions;
        this.table = config.table();
        this.region = regions.local().region();
    }

    /** One counter item as read back. */
    public record Row(String kind, String hour, String region, String arm, String model, String strategy, String type,
                      long served, long events, long answers, BigDecimal value, BigDecimal valueSquares) {
    }

    /** Adds {@code count} served answers of one hour to this region's counter in {@code shard}. */
    Uni<Void> addServed(long hour, String arm, String model, String strategy, long count, int shard) {
        Map<String, String> names = new HashMap<>(describedNames());
        names.put("#served", CounterTable.SERVED);
        Map<String, AttributeValue> values = new HashMap<>(described(hour, arm, model, strategy, null));
        values.put(":served", AttributeValue.fromN(Long.toString(count)));
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table)
                .key(key(CounterTable.bucket(hour, shard), CounterTable.served(hour, region, arm, model, strategy)))
                .updateExpression(describedSet(false) + " ADD #served :served")
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(request)))
                .onFailure().transform(errors::translate).replaceWithVoid();
    }

    /**
     * The update that counts one attributed event, for the event's own TransactWriteItems: it is counted exactly
     * when the event is stored, and never twice.
     *
     * @param value        the purchase value summed for revenue, or null
     * @param firstOfAnswer whether this is the answer's first event of this type
     */
    public TransactWriteItem countEvent(Attribution attribution, String type, String eventId, BigDecimal value,
                                        boolean firstOfAnswer) {
        long hour = attribution.servedAt() / 3600;
        Map<String, String> names = new HashMap<>(describedNames());
        names.put("#type", CounterTable.TYPE);
        names.put("#events", CounterTable.EVENTS);
        names.put("#answers", CounterTable.ANSWERS);
        Map<String, AttributeValue> values = new HashMap<>(described(hour, attribution.arm(), attribution.model(),
                attribution.strategy(), type));
        values.put(":one", ONE);
        values.put(":first", firstOfAnswer ? ONE : ZERO);
        StringBuilder add = new StringBuilder(" ADD #events :one, #answers :first");
        if (value != null) {
            names.put("#value", CounterTable.VALUE);
            names.put("#squares", CounterTable.VALUE_SQUARES);
            values.put(":value", AttributeValue.fromN(value.toPlainString()));
            values.put(":squares", AttributeValue.fromN(RevenueValues.square(value).toPlainString()));
            add.append(", #value :value, #squares :squares");
        }
        Update update = Update.builder().tableName(table)
                .key(key(CounterTable.bucket(hour, CounterTable.shard(eventId)),
                        CounterTable.event(hour, region, attribution.arm(), attribution.model(), attribution.strategy(), type)))
                .updateExpression(describedSet(true) + add)
                .expressionAttributeNames(names).expressionAttributeValues(values).build();
        return TransactWriteItem.builder().update(update).build();
    }

    /** Every counter item of the hours {@code [fromHour, toHour)} (epoch hours), of every region and shard. */
    public Uni<List<Row>> read(long fromHour, long toHour) {
        List<String> buckets = new ArrayList<>();
        for (long day = Math.floorDiv(fromHour, 24); day <= Math.floorDiv(toHour - 1, 24); day++) {
            for (int shard = 0; shard < CounterTable.SHARDS; shard++) {
                buckets.add(CounterTable.bucket(day * 24, shard));
            }
        }
        String from = CounterTable.hourText(fromHour);
        // every counter of the last hour starts with "<hour>#"; '$' sorts right after '#'
        String to = CounterTable.hourText(toHour - 1) + "$";
        return Multi.createFrom().iterable(buckets)
                .onItem().transformToUni(bucket -> readBucket(bucket, from, to, null, new ArrayList<>()))
                .merge(READ_CONCURRENCY)
                .collect().asList()
                .map(pages -> pages.stream().flatMap(List::stream).toList());
    }

    private Uni<List<Row>> readBucket(String bucket, String from, String to, Map<String, AttributeValue> start,
                                      List<Row> rows) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#b = :b AND #c BETWEEN :from AND :to")
                .expressionAttributeNames(Map.of("#b", CounterTable.BUCKET, "#c", CounterTable.COUNTER))
                .expressionAttributeValues(Map.of(":b", AttributeValue.fromS(bucket), ":from", AttributeValue.fromS(from),
                        ":to", AttributeValue.fromS(to)))
                .exclusiveStartKey(start).build();
        return regions.read(dynamo -> Uni.createFrom().completionStage(() -> dynamo.query(request)))
                .onFailure().transform(errors::translate)
                .flatMap(response -> {
                    response.items().forEach(item -> rows.add(row(item)));
                    if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                        return readBucket(bucket, from, to, response.lastEvaluatedKey(), rows);
                    }
                    return Uni.createFrom().item(rows);
                });
    }

    private static Row row(Map<String, AttributeValue> item) {
        String[] key = item.get(CounterTable.COUNTER).s().split("#", -1);
        boolean served = key.length == 6 && key[2].equals(CounterTable.KIND_SERVED);
        return new Row(key[2], key[0], key[1], key[3], key[4], key[5], served ? null : key.length > 6 ? key[6] : null,
                number(item, CounterTable.SERVED).longValue(), number(item, CounterTable.EVENTS).longValue(),
                number(item, CounterTable.ANSWERS).longValue(), number(item, CounterTable.VALUE),
                number(item, CounterTable.VALUE_SQUARES));
    }

    private static BigDecimal number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? BigDecimal.ZERO : new BigDecimal(value.n());
    }

    private static Map<String, AttributeValue> key(String bucket, String counter) {
        return Map.of(CounterTable.BUCKET, AttributeValue.fromS(bucket), CounterTable.COUNTER, AttributeValue.fromS(counter));
    }

    private static Map<String, String> describedNames() {
        return Map.of("#hour", CounterTable.HOUR, "#region", CounterTable.REGION, "#arm", CounterTable.ARM,
                "#model", CounterTable.MODEL, "#strategy", CounterTable.STRATEGY);
    }

    private Map<String, AttributeValue> described(long hour, String arm, String model, String strategy, String type) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":hour", AttributeValue.fromS(CounterTable.hourText(hour)));
        values.put(":region", AttributeValue.fromS(region));
        values.put(":arm", AttributeValue.fromS(arm));
        values.put(":model", AttributeValue.fromS(model));
        values.put(":strategy", AttributeValue.fromS(strategy));
        if (type != null) {
            values.put(":type", AttributeValue.fromS(type));
        }
        return values;
    }

    /** The readable copies of the key's parts, for operators looking at the table. */
    private static String describedSet(boolean withType) {
        return "SET #hour = :hour, #region = :region, #arm = :arm, #model = :model, #strategy = :strategy"
                + (withType ? ", #type = :type" : "");
    }
}
