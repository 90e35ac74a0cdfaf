package com.example.bare;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/** The client from the builder the extension configured, as the service takes it, plus the knobs asked for. */
public class BareClientProducer {

    private static final Logger LOG = Logger.getLogger(BareClientProducer.class);

    @Produces
    @Singleton
    DynamoDbAsyncClient client(DynamoDbAsyncClientBuilder builder,
            @ConfigProperty(name = "bare.knobs") Optional<List<String>> knobs,
            @ConfigProperty(name = "quarkus.dynamodb.endpoint-override") Optional<URI> override,
            @ConfigProperty(name = "quarkus.dynamodb.aws.region") String region) {
        for (String name : knobs.orElse(List.of())) {
            if (name.isBlank()) {
                continue;
            }
            Knob knob = Knob.valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            switch (knob) {
                case STATIC_ENDPOINT -> {
                    URI uri = override.orElseGet(() -> URI.create("https://dynamodb." + region + ".amazonaws.com"));
                    CompletableFuture<Endpoint> fixed = CompletableFuture.completedFuture(Endpoint.builder().url(uri).build());
                    builder.endpointProvider(new DynamoDbEndpointProvider() {
                        @Override
                        public CompletableFuture<Endpoint> resolveEndpoint(DynamoDbEndpointParams params) {
                            return fixed;
                        }
                    });
                }
                case NETTY_TIMEOUTS_OFF -> {
                    // configuration: quarkus.dynamodb.async-client.read-timeout / write-timeout = 0
                }
            }
            LOG.infof("knob on: %s", knob);
        }
        return builder.build();
    }
}
