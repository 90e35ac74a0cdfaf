package com.example.profiles.region;

/** A call refused without touching the replica because its circuit breaker is open. */
public class BreakerOpenException extends RuntimeException {

    public BreakerOpenException(String region) {
        super("DynamoDB replica " + region + " circuit breaker is open", null, false, false);
    }
}
