package com.example.profiles.dynamo;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.example.profiles.error.FailureTranslator;
import com.example.profiles.error.ProblemException;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Maps failures of the DynamoDB SDK to problems: what the caller can retry is 503 with
 * Retry-After, what the store rejected as invalid is 4xx, the rest is a 500 without internals.
 * Each store has its own, so that a message names the table that failed.
 */
public final class StoreErrors implements FailureTranslator {

    /** For failures no store translated: names no table. */
    public static final StoreErrors ANY_TABLE = new StoreErrors("store");

    private final String subject;

    /** @param subject what the messages call the failed store, e.g. {@code items table} */
    public StoreErrors(String subject) {
        this.subject = "the " + subject;
    }

    @Override
    public ProblemException translate(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return ProblemException.unavailable(subject + " did not answer in time", 1, e);
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || e instanceof TransactionConflictException) {
            return ProblemException.unavailable(subject + " is throttling requests", 1, e);
        }
        if (e instanceof TransactionCanceledException t) {
            boolean contention = t.hasCancellationReasons() && t.cancellationReasons().stream()
                    .map(reason -> String.valueOf(reason.code()))
                    .anyMatch(code -> code.contains("Conflict") || code.contains("Throttl") || code.contains("Throughput"));
            return contention
                    ? ProblemException.unavailable(subject + " is busy with concurrent writes", 1, e)
                    : new ProblemException(409, "Conflict", "a condition of the write no longer holds in " + subject);
        }
        if (e instanceof ResourceNotFoundException) {
            return ProblemException.unavailable(subject + " is not available", 5, e);
        }
        if (e instanceof DynamoDbException d) {
            String code = d.awsErrorDetails() == null ? "" : String.valueOf(d.awsErrorDetails().errorCode());
            String message = d.awsErrorDetails() == null ? "" : String.valueOf(d.awsErrorDetails().errorMessage());
            if (code.contains("Throttling") || d.statusCode() >= 500) {
                return ProblemException.unavailable(subject + " is temporarily failing", 1, e);
            }
            if (code.contains("ValidationException")) {
                if (message.contains("size has exceeded") || message.contains("Item size")) {
                    return ProblemException.tooLarge("the stored item would exceed DynamoDB's 400 KB item limit");
                }
                return ProblemException.unprocessable(subject + " rejected the request: " + message);
            }
            return new ProblemException(500, "Internal Server Error", subject + " failed (" + code + ")", Map.of(), e);
        }
        if (e instanceof SdkClientException) {
            return ProblemException.unavailable(subject + " cannot be reached", 2, e);
        }
        // the cause goes along so that the error line says what happened; the answer does not
        return new ProblemException(500, "Internal Server Error", "unexpected server error", Map.of(), e);
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
