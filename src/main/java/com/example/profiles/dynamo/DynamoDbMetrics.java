package com.example.profiles.dynamo;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Unremovable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Latency and errors of every DynamoDB call, per operation (GetItem, UpdateItem, Scan, ...):
 * {@code dynamodb_client_operation_seconds{operation,outcome}} and
 * {@code dynamodb_client_errors_total{operation,error}}. One call includes the SDK's retries.
 * Registered on the client by {@code quarkus.dynamodb.interceptors}, which looks the class up in CDI.
 * The timers are looked up once per operation and outcome: building and registering a meter on every
 * call cost more CPU than the rest of the interceptor.
 */
@Singleton
@Unremovable
public class DynamoDbMetrics implements ExecutionInterceptor {

    public static final String CALLS = "dynamodb.client.operation";
    static final String ERRORS = "dynamodb.client.errors";
    /**
     * The SDK keeps every attribute name in a JVM-wide registry that refuses duplicates; dev mode's live reload
     * loads this class again while the SDK's classes stay, so the name carries the identity of this loading.
     */
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("profiles.metrics.started#"
            + Integer.toHexString(System.identityHashCode(DynamoDbMetrics.class)));

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Timer> successes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> failures = new ConcurrentHashMap<>();

    public DynamoDbMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        record(attributes, "success");
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        record(attributes, "error");
        Counter.builder(ERRORS)
                .description("DynamoDB calls that failed, by operation and error code or exception type")
                .tag("operation", operation(attributes))
                .tag("error", errorType(context.exception()))
                .register(registry)
                .increment();
    }

    private void record(ExecutionAttributes attributes, String outcome) {
        Long started = attributes.getAttribute(STARTED);
        if (started == null) {
            return;
        }
        long elapsed = System.nanoTime() - started;
        String operation = operation(attributes);
        var timers = outcome.equals("success") ? successes : failures;
        timers.computeIfAbsent(operation, op -> Timer.builder(CALLS)
                .description("DynamoDB call latency per operation, retries included")
                .tag("operation", op)
                .tag("outcome", outcome)
                .register(registry))
                .record(elapsed, TimeUnit.NANOSECONDS);
    }

    private static String operation(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }

    /** The service's error code (a small fixed set) or the client-side exception's class. */
    static String errorType(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return failure == null ? "unknown" : failure.getClass().getSimpleName();
    }
}
