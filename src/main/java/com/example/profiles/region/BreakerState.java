package com.example.profiles.region;

/** The states of a replica's circuit breaker, with MicroProfile Fault Tolerance's names and meaning. */
public enum BreakerState {
    /** Calls go through; failures are counted. */
    CLOSED,
    /** Calls fail at once without touching the replica, until the breaker's delay has passed. */
    OPEN,
    /** Probe calls go through; enough successes close the breaker, one failure opens it again. */
    HALF_OPEN
}
