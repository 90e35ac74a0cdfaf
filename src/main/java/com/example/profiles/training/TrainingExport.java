package com.example.profiles.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventSchema;
import com.example.profiles.event.EventStore;
import com.example.profiles.event.StoredEvent;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;
import com.example.profiles.profile.ProfileTimes;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Point-in-time training data: every stored event in a time range, joined with the user's feature
 * vector as it was at the event's {@code occurred_at}, never a later one. Events come from a
 * parallel Scan of the local replica with backpressure; the per-event lookups (one GetItem of the
 * profile, and a one-row Query of the feature history when the current vector is newer than the
 * event) run a bounded number at a time. Memory stays bounded by those windows.
 */
@ApplicationScoped
public class TrainingExport {

    /** Feature lookups in flight per export. */
    private static final int LOOKUPS = 8;
    private static final Set<String> FEATURE_FIELDS = Set.of(ProfileSchema.FEATURES, ProfileSchema.FEATURES_SINCE);

    private final DynamoDbAsyncClient dynamo;
    private final String table;
    private final ProfileStore profiles;
    private final FeatureHistoryStore history;
    private final StoreErrors errors = new StoreErrors("events table");

    public TrainingExport(DynamoDbAsyncClient dynamo, EventConfig events, ProfileStore profiles, FeatureHistoryStore history) {
        this.dynamo = dynamo;
        this.table = events.table();
        this.profiles = profiles;
        this.history = history;
    }

    public Multi<TrainingRow> rows(TrainingQuery query) {
        return events(query)
                .onItem().transformToUni(event -> featuresAt(event.userId(), event.occurredAt())
                        .map(features -> new TrainingRow(event, features)))
                .merge(LOOKUPS);
    }

    /** The vector valid at {@code time}: the current one if it started by then, else the history's. */
    Uni<float[]> featuresAt(String userId, String time) {
        return profiles.get(userId, FEATURE_FIELDS).flatMap(profile -> {
            if (isCurrentAt(profile, time)) {
                return Uni.createFrom().item(profile.getFeatures());
            }
            return history.at(userId, time);
        });
    }

    private static boolean isCurrentAt(ProfileItem profile, String time) {
        return profile != null && profile.getFeatures() != null && profile.getFeaturesSince() != null
                && profile.getFeaturesSince().compareTo(time) <= 0;
    }

    private Multi<StoredEvent> events(TrainingQuery query) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> conditions = new ArrayList<>();
        names.put("#t", EventSchema.TYPE);
        names.put("#e", EventSchema.EXPIRES_AT);
        // Guards have no type: attribute_exists keeps only events.
        conditions.add("attribute_exists(#t)");
        values.put(":now", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond())));
        conditions.add("(attribute_not_exists(#e) OR #e > :now)");
        if (query.since() != null || query.until() != null) {
            names.put("#o", EventSchema.OCCURRED_AT);
        }
        if (query.since() != null) {
            values.put(":since", AttributeValue.fromS(ProfileTimes.text(query.since())));
            conditions.add("#o >= :since");
        }
        if (query.until() != null) {
            values.put(":until", AttributeValue.fromS(ProfileTimes.text(query.until())));
            conditions.add("#o < :until");
        }
        if (!query.types().isEmpty()) {
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < query.types().size(); i++) {
                values.put(":type" + i, AttributeValue.fromS(query.types().get(i)));
                placeholders.add(":type" + i);
            }
            conditions.add("#t IN (" + String.join(", ", placeholders) + ")");
        }
        List<Multi<StoredEvent>> segments = new ArrayList<>();
        for (int segment = 0; segment < query.segments(); segment++) {
            ScanRequest request = ScanRequest.builder().tableName(table)
                    .segment(segment).totalSegments(query.segments())
                    .filterExpression(String.join(" AND ", conditions))
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build();
            segments.add(Multi.createFrom().deferred(() -> Multi.createFrom()
                    .publisher(AdaptersToFlow.publisher(dynamo.scanPaginator(request).items()))
                    .map(EventStore::event)));
        }
        return Multi.createBy().merging().collectFailures().streams(segments)
                .onFailure(CompositeException.class).transform(failure -> ((CompositeException) failure).getCauses().get(0))
                .onFailure().transform(errors::translate);
    }
}
