package com.example.profiles.attribution;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The request path's side of attribution: each answer served is counted (in memory, {@link ServedCounts}) and
 * gets its signed id. CPU only: no store call, one HMAC with a {@link javax.crypto.Mac} kept per thread.
 */
@ApplicationScoped
public class ServedAnswers {

    private final AttributionKeys keys;
    private final ServedCounts counts;

    public ServedAnswers(AttributionKeys keys, ServedCounts counts) {
        this.keys = keys;
        this.counts = counts;
    }

    /** Counts the answer and answers its {@code recommendation_id}. */
    public String serve(Answer answer) {
        String id = keys.tokens().issue(answer);
        counts.count(answer.servedAt(), answer.arm(), answer.model(), answer.strategy());
        return id;
    }
}
