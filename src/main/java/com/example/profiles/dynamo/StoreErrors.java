package com.example.profiles.error;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * Maps failures of the DynamoDB SDK to problems: what the caller can retry is 503 with
 * Retry-After, what the store rejected as invalid is 4xx, the rest is a 500 without internals.
 */
@ApplicationScoped
public class StoreErrors {

    public ProblemException translate(Throwable failure) {
        Throwable e = unwrap(failure);
        if (e instanceof ProblemException p) {
            return p;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return ProblemException.unavailable("the profile store did not answer in time", 1, e);
        }
        if (e instanceof ProvisionedThroughputExceededException || e instanceof RequestLimitExceededException
                || e instanceof TransactionConflictException) {
            return ProblemException.unavailable("the profile store is throttling requests", 1, e);
        }
        if (e instanceof ResourceNotFoundException) {
            return ProblemException.unavailable("the store table is not available", 5, e);
        }
        if (e instanceof DynamoDbException d) {
            String code = d.awsErrorDetails() == null ? "" : String.valueOf(d.awsErrorDetails().errorCode());
            String message = d.awsErrorDetails() == null ? "" : String.valueOf(d.awsErrorDetails().errorMessage());
            if (code.contains("Throttling") || d.statusCode() >= 500) {
                return ProblemException.unavailable("the profile store is temporarily failing", 1, e);
            }
            if (code.contains("ValidationException")) {
                if (message.contains("size has exceeded") || message.contains("Item size")) {
                    return ProblemException.tooLarge("the stored item would exceed DynamoDB's 400 KB item limit");
                }
                return ProblemException.unprocessable("the store rejected the request: " + message);
            }
            return new ProblemException(500, "Internal Server Error", "the profile store failed (" + code + ")");
        }
        if (e instanceof SdkClientException) {
            return ProblemException.unavailable("the profile store cannot be reached", 2, e);
        }
        return new ProblemException(500, "Internal Server Error", "unexpected server error");
    }

    public static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
