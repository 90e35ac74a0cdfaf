package com.example.profiles.profile;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One user's UserProfiles row as writes see it: its key, the consistent read that decides a write, how a
 * write is committed (alone, or in one transaction with the rows that must change with it) and how a
 * refused one is explained; and the conditional update other concerns put into transactions of their own
 * (the behaviour summary of the events). Reads that decide writes go to the local replica, where the writes
 * go, never to a fallback.
 */
@ApplicationScoped
public class ProfileRow {

    private static final StoreErrors ERRORS = new StoreErrors("profiles table");
    private static final AttributeValue ONE = AttributeValue.fromN("1");
    private static final AttributeValue ZERO = AttributeValue.fromN("0");

    private final RegionRouter regions;
    private final String table;
    private final String region;

    public ProfileRow(RegionRouter regions, ProfileConfig config) {
        this.regions = regions;
        this.table = config.table();
        this.region = regions.local().region();
    }

    static Map<String, AttributeValue> key(String userId) {
        return Map.of(ProfileSchema.USER_ID, AttributeValue.fromS(userId));
    }

    /** The live profile item (consistent, local), or null when it is absent or expired. */
    public Uni<Map<String, AttributeValue>> live(String userId, Instant now) {
        return read(userId)
                .map(item -> item == null || ProfileExpiry.isExpired(item, now) ? null : item)
                .onFailure().transform(ERRORS::translate);
    }

    /**
     * The Update of a transaction that writes the behaviour summary: it applies only to a live profile whose
     * summary is still the one numbered {@code expectedSeq} (0: none yet), and sets what {@code summary} adds.
     */
    public Update summaryUpdate(String userId, long expectedSeq, Instant now, Consumer<ExpressionBuilder> summary) {
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.condition("attribute_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        ProfileExpiry.requireUnexpired(expression, now);
        String seq = expression.name(ProfileSchema.EVENTS_SEQ);
        expression.condition(expectedSeq == 0
                ? "attribute_not_exists(" + seq + ")"
                : seq + " = " + expression.value(AttributeValue.fromN(Long.toString(expectedSeq))));
        summary.accept(expression);
        return transactPart(update(userId, expression).build());
    }

    /** The raw item (consistent, local, expired or not), or null when absent. */
    Uni<Map<String, AttributeValue>> read(String userId) {
        GetItemRequest request = GetItemRequest.builder().tableName(table).key(key(userId)).consistentRead(true).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.getItem(request)))
                .map(response -> response.hasItem() && !response.item().isEmpty() ? response.item() : null);
    }

    UpdateItemRequest.Builder update(String userId, ExpressionBuilder expression) {
        return UpdateItemRequest.builder()
                .tableName(table)
                .key(key(userId))
                .updateExpression(expression.updateExpression())
                .conditionExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values());
    }

    /**
     * Applies the update, alone or, with {@code alongside} (e.g. the history row of a replaced vector), in one
     * transaction with it. Answers the attributes the update returns, or null after a transaction (which
     * returns none). A refused condition of the update fails as {@link #refused} tells.
     */
    Uni<Map<String, AttributeValue>> commit(UpdateItemRequest update, Put alongside) {
        if (alongside == null) {
            return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(update)))
                    .map(response -> response.hasAttributes() ? response.attributes() : Map.of());
        }
        return transact(List.of(TransactWriteItem.builder().update(transactPart(update)).build(),
                TransactWriteItem.builder().put(alongside).build()))
                .replaceWith((Map<String, AttributeValue>) null);
    }

    /** One transaction of profile updates and the rows that must change with them, written where writes go. */
    Uni<Void> transact(List<TransactWriteItem> actions) {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(actions).build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.transactWriteItems(request)))
                .replaceWithVoid();
    }

    /** Stamps the version increment, the update time and the region; answers the update time. */
    String stamp(ExpressionBuilder expression, Instant clock) {
        String now = clock.truncatedTo(ChronoUnit.MILLIS).toString();
        String version = expression.name(ProfileSchema.VERSION);
        expression.set(version, "if_not_exists(" + version + ", " + expression.value(ZERO) + ") + " + expression.value(ONE));
        expression.set(expression.name(ProfileSchema.UPDATED_AT), expression.value(AttributeValue.fromS(now)));
        expression.set(expression.name(ProfileSchema.UPDATED_REGION), expression.value(AttributeValue.fromS(region)));
        return now;
    }

    /** The region this pod writes in. */
    String region() {
        return region;
    }

    /** Whether a commit failed because a condition of the profile's update was refused. */
    static boolean refused(Throwable failure) {
        Throwable e = StoreErrors.unwrap(failure);
        return e instanceof ConditionalCheckFailedException || (e instanceof TransactionCanceledException t
                && t.hasCancellationReasons() && !t.cancellationReasons().isEmpty()
                && "ConditionalCheckFailed".equals(t.cancellationReasons().get(0).code()));
    }

    /** The item a {@link #refused} update was checked against: as the failure reports it, else read again. */
    Uni<Map<String, AttributeValue>> refusedBy(String userId, Throwable failure) {
        Throwable e = StoreErrors.unwrap(failure);
        Map<String, AttributeValue> reported = null;
        if (e instanceof ConditionalCheckFailedException c && c.hasItem()) {
            reported = c.item();
        } else if (e instanceof TransactionCanceledException t && t.hasCancellationReasons() && !t.cancellationReasons().isEmpty()) {
            CancellationReason reason = t.cancellationReasons().get(0);
            reported = reason.hasItem() ? reason.item() : null;
        }
        return reported != null && !reported.isEmpty() ? Uni.createFrom().item(reported) : read(userId);
    }

    /** The update applies only to the row it was computed from: of the version read, or still absent. */
    static void requireVersionOf(ExpressionBuilder expression, Map<String, AttributeValue> base) {
        // Names are registered only when used: DynamoDB rejects unused placeholders.
        if (base == null) {
            expression.condition("attribute_not_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        } else if (base.containsKey(ProfileSchema.VERSION)) {
            expression.condition(expression.name(ProfileSchema.VERSION) + " = " + expression.value(base.get(ProfileSchema.VERSION)));
        } else {
            expression.condition("attribute_exists(" + expression.name(ProfileSchema.USER_ID) + ") AND attribute_not_exists("
                    + expression.name(ProfileSchema.VERSION) + ")");
        }
    }

    /** Whether two reads of the row saw the same version (both absent included). */
    static boolean sameVersion(Map<String, AttributeValue> item, Map<String, AttributeValue> base) {
        if (item == null || base == null) {
            return item == base;
        }
        AttributeValue now = item.get(ProfileSchema.VERSION);
        AttributeValue then = base.get(ProfileSchema.VERSION);
        return now == null ? then == null : then != null && now.n().equals(then.n());
    }

    /** An update as a part of a transaction; a refused condition reports the item as it was. */
    static Update transactPart(UpdateItemRequest update) {
        return Update.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }
}
