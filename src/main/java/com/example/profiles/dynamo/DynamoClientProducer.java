package com.example.profiles.dynamo;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Singleton;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * Builds the async client from the builder the Quarkiverse extension configured (endpoint,
 * credentials, netty pool, API-call and attempt timeouts) and adds what it has no key for: a
 * bounded, jittered retry strategy, a timer wheel for the timeouts it arms on every call, and the
 * endpoint rules' answers kept instead of worked out again per call.
 * Replaces the extension's default client bean.
 */
public class DynamoClientProducer {

    /** Typed to itself: it must not answer injection points of the executor types Quarkus provides. */
    @Produces
    @Singleton
    @Typed(WheelScheduler.class)
    WheelScheduler sdkTimers() {
        return new WheelScheduler("dynamodb-timers", Infrastructure.getDefaultWorkerPool());
    }

    void stopTimers(@Disposes WheelScheduler timers) {
        timers.shutdown();
    }

    @Produces
    @Singleton
    DynamoDbAsyncClient dynamoDbAsyncClient(DynamoDbAsyncClientBuilder builder, StoreClientConfig retry,
            WheelScheduler timers) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff());
        ClientOverrideConfiguration configured = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder override = configured == null
                ? ClientOverrideConfiguration.builder()
                : configured.toBuilder();
        // Keep the extension's timeouts and interceptors; the retry strategy and the timer change.
        override.scheduledExecutorService(timers);
        override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retry.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build());
        return builder.overrideConfiguration(override.build())
                .endpointProvider(new CachedEndpointProvider(DynamoDbEndpointProvider.defaultProvider()))
                .build();
    }
}
