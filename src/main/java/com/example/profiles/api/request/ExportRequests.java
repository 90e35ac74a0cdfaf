package com.example.profiles.api.request;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventConfig;
import com.example.profiles.input.Integers;
import com.example.profiles.model.ModelNames;
import com.example.profiles.training.TrainingQuery;

/** The requests of the NDJSON exports (every profile, the training rows): scan segments, time range, event types. */
@ApplicationScoped
public class ExportRequests {

    private final ExportConfig config;
    private final EventConfig events;

    public ExportRequests(ExportConfig config, EventConfig events) {
        this.config = config;
        this.events = events;
    }

    /** How many parallel scan segments read the table, within the configured bound. */
    public int segments(SegmentsQuery query) {
        return Integers.inRange("segments", query.segments, config.defaultSegments(), 1, config.maxSegments());
    }

    /**
     * The training rows of a time range: {@code types} comma-separated configured types, all when absent; the user
     * vectors of {@code model}, {@code default} when absent (400 for a name no model can have).
     */
    public TrainingQuery training(TimeRangeQuery range, String types, SegmentsQuery segments, String model) {
        TimeRangeQuery.Range window = range.range();
        int n = segments(segments);
        String name = model == null ? ModelNames.DEFAULT : ModelNames.require(model);
        return new TrainingQuery(window.since(), window.until(), types(types), n, name);
    }

    private List<String> types(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (String type : raw.split(",", -1)) {
            String t = type.trim();
            if (!events.types().contains(t)) {
                throw ProblemException.badRequest("types must be a comma-separated list of " + String.join(", ", events.types()));
            }
            types.add(t);
        }
        return new ArrayList<>(types);
    }
}
