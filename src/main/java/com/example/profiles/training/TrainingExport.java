package com.example.profiles.training;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.event.EventStore;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.profile.UserVectorStore;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Point-in-time training data: every stored event in a time range, joined with the user's vector in the
 * query's model as it was at the event's {@code occurred_at}, never a later one. Events come from
 * {@link EventStore#scan}, a parallel Scan with backpressure; the per-event lookups (one GetItem of
 * the profile, and a one-row Query of the feature history when the current vector is newer than the
 * event) run a bounded number at a time. Memory stays bounded by those windows.
 */
@ApplicationScoped
public class TrainingExport {

    /** Feature lookups in flight per export. */
    private static final int LOOKUPS = 8;

    private final EventStore events;
    private final UserVectorStore vectors;
    private final FeatureHistoryStore history;

    public TrainingExport(EventStore events, UserVectorStore vectors, FeatureHistoryStore history) {
        this.events = events;
        this.vectors = vectors;
        this.history = history;
    }

    /** The rows of the query; fails before the first row when the model is unknown (404) or retired (409). */
    public Multi<TrainingRow> rows(TrainingQuery query) {
        return Multi.createFrom().uni(vectors.readable(query.model()))
                .onItem().transformToMultiAndConcatenate(model -> events.scan(query.since(), query.until(), query.types(),
                        query.segments()))
                .onItem().transformToUni(event -> featuresAt(event.userId(), query.model(), event.occurredAt())
                        .map(features -> new TrainingRow(event, features)))
                .merge(LOOKUPS);
    }

    /** The vector valid at {@code time} (fixed-width text): the current one if it started by then, else the history's; null when none was. */
    public Uni<float[]> featuresAt(String userId, String model, String time) {
        return vectors.current(userId, model).flatMap(current -> {
            if (current != null && current.since() != null && current.since().compareTo(time) <= 0) {
                return Uni.createFrom().item(current.features());
            }
            return history.at(userId, model, time);
        });
    }
}
