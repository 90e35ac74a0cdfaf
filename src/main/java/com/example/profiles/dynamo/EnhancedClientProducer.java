package com.example.profiles.dynamo;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The Quarkiverse extension configures the async low-level client (endpoint, region, credentials,
 * netty); the enhanced client is a thin layer over it, built here because its own extension is
 * not available at our version.
 */
public class EnhancedClientProducer {

    @Produces
    @Singleton
    DynamoDbEnhancedAsyncClient enhancedClient(DynamoDbAsyncClient dynamo) {
        return DynamoDbEnhancedAsyncClient.builder().dynamoDbClient(dynamo).build();
    }
}
