package com.example.profiles.profile;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import com.example.profiles.dynamo.ExpressionBuilder;
import com.example.profiles.error.ProblemException;
import com.example.profiles.model.ModelDefinition;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * What writing one user's vector in one model does to the profile row as it was read: refuse it (no live
 * profile, or an event time not newer than the stored one), leave the row as it is (the same vector again, e.g.
 * a retried import line), or the conditional update and the history row of the vector it replaces. The update
 * applies only to the version read, so a row that changed in between is decided again.
 */
final class VectorDecision {

    sealed interface Outcome permits Write, Unchanged, Refused {
    }

    /** The update of the row (part of a transaction) and the history row of the replaced vector (null: none). */
    record Write(Update update, Put history, String validFrom, boolean created) implements Outcome {
    }

    /** The row already holds this vector, valid from {@code validFrom}. */
    record Unchanged(String validFrom) implements Outcome {
    }

    /** @param stale whether an event time not newer than the stored one refused it */
    record Refused(ProblemException problem, boolean stale) implements Outcome {
    }

    private VectorDecision() {
    }

    static Outcome decide(ProfileRow row, VectorValidity validity, String model, UserVector write,
            Map<String, AttributeValue> base, Instant clock) {
        if (base == null || base.isEmpty() || ProfileExpiry.isExpired(base, clock)) {
            return new Refused(ProblemException.notFound("no profile with id " + write.userId()
                    + "; a vector is stored only on an existing profile (create it with PUT /v1/users/" + write.userId() + ")"),
                    false);
        }
        float[] current = VectorValidity.current(base, model);
        String since = VectorValidity.text(base, ModelDefinition.userSinceAttribute(model));
        String storedEventTime = VectorValidity.text(base, ModelDefinition.userEventTimeAttribute(model));
        boolean same = current != null && Arrays.equals(current, write.features());
        String eventTime = write.eventTime() == null ? null : ProfileTimes.text(write.eventTime());
        if (eventTime != null) {
            if (same && eventTime.equals(storedEventTime) && since != null) {
                return new Unchanged(since);
            }
            if (storedEventTime != null && storedEventTime.compareTo(eventTime) >= 0) {
                return stale("its event_time " + eventTime + " is not newer than the event_time "
                        + storedEventTime + " of the user's stored " + model + " vector");
            }
            String start = VectorValidity.startNotBefore(base, model, eventTime);
            if (start != null) {
                return stale("its event_time " + eventTime + " is not after " + start
                        + ", since when the user's current " + model + " vector is valid");
            }
        } else if (same && since != null) {
            return new Unchanged(since);
        }
        String validFrom = eventTime != null ? eventTime : ProfileTimes.text(clock);
        ExpressionBuilder expression = new ExpressionBuilder();
        VectorValidity.set(expression, model, write.features(), validFrom);
        if (eventTime != null) {
            expression.set(expression.name(ModelDefinition.userEventTimeAttribute(model)),
                    expression.value(AttributeValue.fromS(eventTime)));
        }
        row.stamp(expression, clock);
        ProfileRow.requireVersionOf(expression, base);
        ProfileExpiry.requireUnexpired(expression, clock);
        Update update = ProfileRow.transactPart(row.update(write.userId(), expression).build());
        return new Write(update, validity.replaced(write.userId(), model, base, validFrom), validFrom, current == null);
    }

    private static Refused stale(String why) {
        return new Refused(new ProblemException(409, "Conflict", "stale write: " + why + "; nothing was changed"), true);
    }
}
