package com.example.profiles.region;

import java.time.Duration;

/** A call to a region's replica took longer than its time budget; it was cancelled. */
public class ReplicaTimeoutException extends RuntimeException {

    public ReplicaTimeoutException(String region, Duration budget) {
        super("the DynamoDB replica of " + region + " did not answer within " + budget, null, false, false);
    }
}
