package com.example.profiles.region;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;


import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

/**
 * One extra {@link DynamoDbAsyncClient} per entry of {@code profiles.fallback-regions}, in order.
 * They share the credentials provider of the Quarkiverse-configured local client (on EKS the IRSA
 * web-identity provider), have their own netty HTTP client with bounded connect/acquire times, and
 * are closed when the application stops. No network call happens until a read fails over.
 */
@ApplicationScoped
public class FallbackClients {

    private static final Logger LOG = Logger.getLogger(FallbackClients.class);

    private final Map<String, DynamoDbAsyncClient> clients = new LinkedHashMap<>();
    private final List<SdkAsyncHttpClient> httpClients = new ArrayList<>();

    public FallbackClients(RegionConfig config, DynamoDbAsyncClient local) {
        List<RegionEntry> entries = RegionEntry.parseAll(config.fallbackRegions().orElse(List.of()), config.region());
        if (entries.isEmpty()) {
            return;
        }
        IdentityProvider<? extends AwsCredentialsIdentity> credentials = local.serviceClientConfiguration().credentialsProvider();
        if (credentials == null) {
            credentials = DefaultCredentialsProvider.builder().build();
        }
        Duration budget = config.failover().fallbackTimeout();
        for (RegionEntry entry : entries) {
            SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
                    .connectionTimeout(budget)
                    .connectionAcquisitionTimeout(budget)
                    .maxConcurrency(200)
                    .build();
            httpClients.add(http);
            DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
                    .region(Region.of(entry.region()))
                    .credentialsProvider(credentials)
                    .httpClient(http)
                    .overrideConfiguration(o -> o.apiCallTimeout(budget));
            entry.endpoint().ifPresent(builder::endpointOverride);
            clients.put(entry.region(), builder.build());
            LOG.infof("fallback region %s: %s", entry.region(),
                    entry.endpoint().map(Object::toString).orElse("AWS endpoint of the region"));
        }
    }

    /** Fallback region name to client, in the configured order. */
    public Map<String, DynamoDbAsyncClient> clients() {
        return clients;
    }

    @PreDestroy
    void close() {
        clients.values().forEach(FallbackClients::closeQuietly);
        // An SDK client does not close an HTTP client it was given: close those too.
        httpClients.forEach(FallbackClients::closeQuietly);
        clients.clear();
        httpClients.clear();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.debugf(e, "closing a fallback DynamoDB client failed");
        }
    }
}
