package com.example.profiles.profile;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.dynamo.PagedScan;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.model.ModelDefinition;
import com.example.profiles.region.RegionRouter;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Removes a retired model's user vectors: its vector, start and event-time attributes from every profile that
 * has one, and its rows of the feature history. A segmented Scan of the local table finds the profiles (a filter
 * on the model's attributes, so only their keys travel), each is cleaned by a conditional UpdateItem that never
 * recreates a profile deleted meanwhile. The profile's version is left alone: retired models are in no answer.
 * Nothing is kept between runs, so a run that stopped half-way (a crash, an outage) is completed by running it
 * again; no vector of a retired model can appear meanwhile, since every vector write checks the registry.
 */
@ApplicationScoped
public class UserVectorPurge {

    private static final Logger LOG = Logger.getLogger(UserVectorPurge.class);
    private static final int SEGMENTS = 4;
    private static final int UPDATES_IN_FLIGHT = 16;
    private static final PagedScan.Policy POLICY = new PagedScan.Policy(SEGMENTS, null, 5, Duration.ofMillis(200));

    private final RegionRouter regions;
    private final FeatureHistoryStore history;
    private final String table;
    private final StoreErrors errors = new StoreErrors("profiles table");

    public UserVectorPurge(RegionRouter regions, FeatureHistoryStore history, ProfileConfig config) {
        this.regions = regions;
        this.history = history;
        this.table = config.table();
    }

    /**
     * Removes every user vector of {@code model} and its history; answers how many rows it changed or deleted
     * (profiles cleaned plus history rows deleted: 0 when a previous run had done it all). Idempotent.
     */
    public Uni<Long> removeModelVectors(String model) {
        ExpressionBuilder scanNames = new ExpressionBuilder();
        String vector = scanNames.name(ModelDefinition.userAttribute(model));
        String since = scanNames.name(ModelDefinition.userSinceAttribute(model));
        String eventTime = scanNames.name(ModelDefinition.userEventTimeAttribute(model));
        String key = scanNames.name(ProfileSchema.USER_ID);
        ScanRequest scan = ScanRequest.builder().tableName(table)
                .filterExpression("attribute_exists(" + vector + ") OR attribute_exists(" + since + ") OR attribute_exists("
                        + eventTime + ")")
                .projectionExpression(key)
                .expressionAttributeNames(scanNames.names())
                .build();
        AtomicLong cleaned = new AtomicLong();
        return PagedScan.items(regions.local().client(), scan, POLICY, failure -> errors.translate(failure).status() == 503)
                .onItem().transformToUni(item -> clean(item.get(ProfileSchema.USER_ID).s(), model)
                        .invoke(changed -> {
                            if (changed) {
                                cleaned.incrementAndGet();
                            }
                        }))
                .merge(UPDATES_IN_FLIGHT)
                .collect().last()
                .onFailure().transform(errors::translate)
                .flatMap(ignored -> history.deleteModel(model))
                .map(historyRows -> {
                    LOG.infof("model %s: user vectors removed from %d profiles, %d history rows deleted", model,
                            cleaned.get(), historyRows);
                    return cleaned.get() + historyRows;
                });
    }

    /** Removes the model's attributes from one profile; false when the profile is gone. */
    private Uni<Boolean> clean(String userId, String model) {
        ExpressionBuilder expression = new ExpressionBuilder();
        expression.remove(expression.name(ModelDefinition.userAttribute(model)));
        expression.remove(expression.name(ModelDefinition.userSinceAttribute(model)));
        expression.remove(expression.name(ModelDefinition.userEventTimeAttribute(model)));
        expression.condition("attribute_exists(" + expression.name(ProfileSchema.USER_ID) + ")");
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table)
                .key(Map.of(ProfileSchema.USER_ID, AttributeValue.fromS(userId)))
                .updateExpression(expression.updateExpression())
                .conditionExpression(expression.conditionExpression())
                .expressionAttributeNames(expression.names())
                .build();
        return regions.write(dynamo -> Uni.createFrom().completionStage(() -> dynamo.updateItem(request)))
                .replaceWith(true)
                .onFailure(ConditionalCheckFailedException.class).recoverWithItem(false);
    }
}
