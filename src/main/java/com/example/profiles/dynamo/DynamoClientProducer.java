package com.example.profiles.dynamo;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * Builds the async client from the builder the Quarkiverse extension configured (endpoint,
 * credentials, netty pool, API-call and attempt timeouts) and adds what it has no key for: a
 * bounded, jittered retry strategy. Replaces the extension's default client bean.
 */
public class DynamoClientProducer {

    @Produces
    @Singleton
    DynamoDbAsyncClient dynamoDbAsyncClient(DynamoDbAsyncClientBuilder builder, StoreClientConfig retry) {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(retry.baseDelay(), retry.maxBackoff());
        ClientOverrideConfiguration configured = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder override = configured == null
                ? ClientOverrideConfiguration.builder()
                : configured.toBuilder();
        // Keep the extension's timeouts and interceptors; only the retry strategy changes.
        override.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(retry.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build());
        return builder.overrideConfiguration(override.build()).build();
    }
}
