package com.example.profiles.region;


import com.example.profiles.dynamo.StoreErrors;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Which failures say "this region's replica is unwell" (and so count against its circuit breaker
 * and move a read to the next region), as opposed to answers about the request itself (a failed
 * condition, a validation error, throttling of one hot key), which every region would repeat.
 */
public final class ReplicaFailures {

    private ReplicaFailures() {
    }

    /** Cannot connect, connection reset, SDK call timeouts, or a 5xx from the service. */
    public static boolean isReplicaFailure(Throwable failure) {
        Throwable e = StoreErrors.unwrap(failure);
        if (e instanceof ReplicaTimeoutException || e instanceof SdkClientException) {
            return true;
        }
        return e instanceof SdkServiceException s && s.statusCode() >= 500;
    }

    /** A replica failure, or the breaker refusing to call a replica it considers down. */
    public static boolean movesToNextRegion(Throwable failure) {
        return isReplicaFailure(failure) || StoreErrors.unwrap(failure) instanceof BreakerOpenException;
    }
}
