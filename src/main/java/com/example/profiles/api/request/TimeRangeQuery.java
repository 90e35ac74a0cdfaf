package com.example.profiles.api.request;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;

import com.example.profiles.error.ProblemException;

/** {@code since} and {@code until} of the event listings: when the events occurred, as text until checked. */
public class TimeRangeQuery {

    @RestQuery
    @Parameter(description = "Only events that occurred at or after this time (RFC 3339).",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String since;

    @RestQuery
    @Parameter(description = "Only events that occurred before this time (RFC 3339).",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    String until;

    /** Occurred at or after {@code since} and before {@code until}; an absent bound is null. */
    public record Range(Instant since, Instant until) {
    }

    /** The checked range: each bound an RFC 3339 time or absent, {@code since} before {@code until}. */
    Range range() {
        Instant from = Times.instant("since", since);
        Instant to = Times.instant("until", until);
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.badRequest("since must lie before until");
        }
        return new Range(from, to);
    }
}
