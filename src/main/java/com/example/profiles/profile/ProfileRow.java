package com.example.profiles.profile;

import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One user's UserProfiles row as writes see it: its key, the consistent read that decides a write, and the
 * conditional update other concerns put into transactions of their own (the behaviour summary of the
 * events). Reads that decide writes go to the local replica, where the writes go, never to a fallback.
 */
@ApplicationScoped
public class ProfileRow {

    private static final StoreErrors ERRORS = new StoreErrors("profiles table");

    private final RegionRouter regions;
    private final String table;

    public ProfileRow(RegionRouter regions, ProfileConfig config) {
        this.regions = regions;
        this.table = config.table();
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

    /** An update as a part of a transaction; a failed condition reports the item as it was. */
    private static Update transactPart(UpdateItemRequest update) {
        return Update.builder().tableName(update.tableName()).key(update.key())
                .updateExpression(update.updateExpression()).conditionExpression(update.conditionExpression())
                .expressionAttributeNames(update.expressionAttributeNames())
                .expressionAttributeValues(update.expressionAttributeValues())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }
}
