package com.example.profiles.evaluation;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.error.ProblemException;
import com.example.profiles.event.EventRules;
import com.example.profiles.kernel.Metric;
import com.example.profiles.model.ModelNames;
import com.example.profiles.recommend.RequestControls;

/**
 * What an acceptable evaluation request is, whether it comes as JSON or as the command's arguments: every
 * rejection is a 400 naming the field.
 */
@ApplicationScoped
public class EvaluationRules {

    public static final List<Integer> DEFAULT_KS = List.of(5, 10, 25);
    public static final String DEFAULT_TYPE = "purchase";
    public static final int DEFAULT_USERS = 10_000;
    public static final long DEFAULT_SEED = 1;
    /** Most depths one request may list. */
    static final int MAX_KS = 10;

    private final EvaluationConfig config;
    private final EventRules events;

    public EvaluationRules(EvaluationConfig config, EventRules events) {
        this.config = config;
        this.events = events;
    }

    /**
     * @param ks         null: {@link #DEFAULT_KS}
     * @param eventTypes null: {@link #DEFAULT_TYPE}
     * @param users      null: {@link #DEFAULT_USERS} (or {@code evaluation.max-users} when that is smaller)
     * @param seed       null: {@link #DEFAULT_SEED}
     * @param maxPer     {@code facet:N} or null
     */
    public EvaluationRequest request(String model, Instant cutoff, Instant until, List<Integer> ks,
                                     List<String> eventTypes, Integer users, Long seed, Metric metric, String filter,
                                     String maxPer) {
        ModelNames.require(model);
        if (cutoff == null) {
            throw ProblemException.badRequest("cutoff is required: an RFC 3339 date-time such as 2026-11-01T00:00:00Z");
        }
        if (until == null) {
            throw ProblemException.badRequest("until is required: an RFC 3339 date-time after cutoff");
        }
        if (!cutoff.isBefore(until)) {
            throw ProblemException.badRequest("cutoff " + cutoff + " must lie before until " + until);
        }
        List<Integer> depths = ks == null ? DEFAULT_KS : ks;
        if (depths.isEmpty() || depths.size() > MAX_KS) {
            throw ProblemException.badRequest("k must list 1.." + MAX_KS + " depths, such as [5, 10, 25]");
        }
        Set<Integer> distinct = new LinkedHashSet<>();
        for (Integer k : depths) {
            if (k == null || k < 1 || k > config.maxK()) {
                throw ProblemException.badRequest("k holds " + k + "; each depth must lie in 1.." + config.maxK());
            }
            if (!distinct.add(k)) {
                throw ProblemException.badRequest("k lists " + k + " twice");
            }
        }
        List<String> types = eventTypes == null ? List.of(DEFAULT_TYPE) : eventTypes;
        if (types.isEmpty()) {
            throw ProblemException.badRequest("event_types is empty; list the event types that count as relevant");
        }
        for (String type : types) {
            if (!events.types().contains(type)) {
                throw ProblemException.badRequest("event_types holds the unknown event type '" + type
                        + "'; configured types: " + String.join(", ", events.types()));
            }
        }
        int sampled = users == null ? Math.min(DEFAULT_USERS, config.maxUsers()) : users;
        if (sampled < 1 || sampled > config.maxUsers()) {
            throw ProblemException.badRequest("users must lie in 1.." + config.maxUsers() + ", not " + users);
        }
        return new EvaluationRequest(model, cutoff, until, List.copyOf(distinct), new LinkedHashSet<>(types), sampled,
                seed == null ? DEFAULT_SEED : seed, metric, RequestControls.checkedFilter(filter),
                RequestControls.parsedMaxPer(maxPer));
    }
}
