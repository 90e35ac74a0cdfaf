package com.example.profiles.dynamo;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.example.profiles.error.ProblemException;

import io.smallrye.mutiny.Uni;

/**
 * Retries what a batch call (BatchGetItem, BatchWriteItem) left unprocessed, with {@link Backoff}
 * between rounds, and fails with 503 when some of it stays unprocessed: a batch never silently
 * drops keys or items.
 *
 * @param maxAttempts calls made in all, the first included
 * @param baseBackoff first delay; doubled per attempt, with full jitter
 */
public record UnprocessedRetry(int maxAttempts, Duration baseBackoff) {

    /** The bounds a batch uses unless configured otherwise. */
    public static final UnprocessedRetry DEFAULT = new UnprocessedRetry(8, Duration.ofMillis(25));

    /**
     * Runs {@code round} on {@code pending}, then on what each round answers as unprocessed.
     *
     * @param what the plural noun of the failure message, e.g. {@code profiles}
     */
    public <T> Uni<Void> run(List<T> pending, String what, Function<List<T>, Uni<List<T>>> round) {
        return attempt(pending, what, round, 1);
    }

    private <T> Uni<Void> attempt(List<T> pending, String what, Function<List<T>, Uni<List<T>>> round, int attempt) {
        return round.apply(pending).flatMap(unprocessed -> {
            if (unprocessed.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            if (attempt >= maxAttempts) {
                return Uni.createFrom().failure(ProblemException.unavailable(unprocessed.size() + " " + what
                        + " stayed unprocessed after " + attempt + " attempts; retry the request", 1, null));
            }
            return Uni.createFrom().voidItem()
                    .onItem().delayIt().by(Backoff.fullJitter(baseBackoff, attempt))
                    .flatMap(ignored -> attempt(unprocessed, what, round, attempt + 1));
        });
    }
}
