package com.example.profiles.region;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Registered on the Quarkiverse (local-region) client by {@link FailoverTest}'s profile through
 * {@code quarkus.dynamodb.interceptors}: counts the read calls the SDK actually starts against
 * the local endpoint (every attempt, retries included), so the test can show that an open breaker
 * keeps reads away from it.
 */
public class LocalReadCounter implements ExecutionInterceptor {

    static final AtomicLong READS = new AtomicLong();
    private static final Set<String> READ_OPERATIONS = Set.of("GetItem", "BatchGetItem");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (READ_OPERATIONS.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            READS.incrementAndGet();
        }
    }
}
