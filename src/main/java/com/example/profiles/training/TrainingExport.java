package com.example.profiles.training;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.event.EventStore;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.profile.ProfileItem;
import com.example.profiles.profile.ProfileSchema;
import com.example.profiles.profile.ProfileStore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Point-in-time training data: every stored event in a time range, joined with the user's feature
 * vector as it was at the event's {@code occurred_at}, never a later one. Events come from
 * {@link EventStore#scan}, a parallel Scan with backpressure; the per-event lookups (one GetItem of
 * the profile, and a one-row Query of the feature history when the current vector is newer than the
 * event) run a bounded number at a time. Memory stays bounded by those windows.
 */
@ApplicationScoped
public class TrainingExport {

    /** Feature lookups in flight per export. */
    private static final int LOOKUPS = 8;
    private static final Set<String> FEATURE_FIELDS = Set.of(ProfileSchema.FEATURES, ProfileSchema.FEATURES_SINCE);

    private final EventStore events;
    private final ProfileStore profiles;
    private final FeatureHistoryStore history;

    public TrainingExport(EventStore events, ProfileStore profiles, FeatureHistoryStore history) {
        this.events = events;
        this.profiles = profiles;
        this.history = history;
    }

    public Multi<TrainingRow> rows(TrainingQuery query) {
        return events.scan(query.since(), query.until(), query.types(), query.segments())
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
            return history.at(userId, com.example.profiles.model.ModelNames.DEFAULT, time);
        });
    }

    private static boolean isCurrentAt(ProfileItem profile, String time) {
        return profile != null && profile.getFeatures() != null && profile.getFeaturesSince() != null
                && profile.getFeaturesSince().compareTo(time) <= 0;
    }
}
