package com.example.profiles.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Settings of the profile store and its HTTP contract. Every key is overridable by environment
 * variable in the usual MicroProfile way, e.g. {@code profiles.table} as {@code PROFILES_TABLE}.
 */
@ConfigMapping(prefix = "profiles")
public interface ProfilesConfig {

    /** DynamoDB table holding the profiles (the table of the original boto3 deployment). */
    @WithDefault("UserProfiles")
    String table();

    /**
     * Create missing tables at start (streams NEW_AND_OLD_IMAGES, on-demand billing) and wait for
     * ACTIVE. On in dev and test; off in prod, where tables are provisioned separately.
     */
    @WithName("create-tables")
    @WithDefault("false")
    boolean createTables();

    /**
     * Whether tables created at start get their NEW_AND_OLD_IMAGES stream (env
     * PROFILES_CREATE_TABLES_STREAMS). On by default, as global tables need it; off in dev mode,
     * where nothing reads the stream and the local engine writes several times slower with one
     * (the demo catalog took ~33 s instead of ~6-13 s to seed on disk).
     */
    @WithName("create-tables-streams")
    @WithDefault("true")
    boolean createTablesStreams();

    /** The region this pod serves and stamps into {@code updated_region}; defaults to AWS_REGION. */
    @WithDefault("${AWS_REGION:local}")
    String region();

    /**
     * Replicas that serve reads when the local one fails, in order of preference: comma-separated
     * {@code region} (that region's AWS endpoint) or {@code region=endpoint} entries, e.g.
     * {@code eu-west-1} or {@code eu-west-1=http://127.0.0.1:9001}. Empty: no failover.
     */
    @WithName("fallback-regions")
    Optional<List<String>> fallbackRegions();

    Failover failover();

    /** Largest accepted request body of the profile endpoints, in bytes (256 KiB). */
    @WithName("max-body-bytes")
    @WithDefault("262144")
    int maxBodyBytes();

    /** Largest accepted feature vector. */
    @WithName("max-features")
    @WithDefault("4096")
    int maxFeatures();

    /**
     * Most /v1 requests this pod serves at once; beyond it a request is answered 503 with
     * Retry-After at once instead of queueing. 256 suits a 1-2 CPU pod whose store pool holds
     * 50 connections (quarkus.dynamodb.async-client.max-concurrency).
     */
    @WithName("max-in-flight")
    @WithDefault("256")
    int maxInFlight();

    StoreClient storeClient();

    BatchGet batchGet();

    Export export();

    Health health();

    LocalEngine localEngine();

    interface BatchGet {
        /** Most ids in one batch-get request (DynamoDB's BatchGetItem limit is 100). */
        @WithName("max-ids")
        @WithDefault("100")
        int maxIds();

        /** Calls made for one request before unprocessed keys are answered with 503. */
        @WithName("max-attempts")
        @WithDefault("8")
        int maxAttempts();

        /** First backoff before retrying unprocessed keys; doubled per attempt, with full jitter. */
        @WithName("base-backoff")
        @WithDefault("25ms")
        Duration baseBackoff();
    }

    /**
     * Retries of the DynamoDB client: the SDK's standard strategy (full-jitter exponential backoff,
     * retry quota) with these bounds. Timeouts and the connection pool are the Quarkiverse
     * {@code quarkus.dynamodb.*} keys in application.properties.
     */
    interface StoreClient {
        /** Attempts per API call, the first included; 1 disables retries. */
        @WithName("max-attempts")
        @WithDefault("3")
        int maxAttempts();

        /** Base of the exponential backoff between attempts (full jitter: 0..base*2^n). */
        @WithName("base-delay")
        @WithDefault("25ms")
        Duration baseDelay();

        /** Longest backoff between two attempts. */
        @WithName("max-backoff")
        @WithDefault("500ms")
        Duration maxBackoff();
    }

    interface Export {
        @WithName("default-segments")
        @WithDefault("4")
        int defaultSegments();

        /** Upper bound of {@code ?segments=}, so one caller cannot open unbounded parallel scans. */
        @WithName("max-segments")
        @WithDefault("16")
        int maxSegments();
    }

    /** How the local replica is guarded and when reads leave it (see docs/global-deployment.md). */
    interface Failover {
        /**
         * Time budget of one call to the local replica. A slower call counts as a failure of the
         * replica; a read then moves on to the next region, a write answers 503. It bounds local
         * writes too, because both share the replica's circuit breaker.
         */
        @WithName("read-timeout")
        @WithDefault("1s")
        Duration readTimeout();

        /** Time budget of one call to a fallback region (further away, so more generous). */
        @WithName("fallback-timeout")
        @WithDefault("2s")
        Duration fallbackTimeout();

        /**
         * Allow writes to go to the first fallback region while the local one is down. Off by
         * default: a write then answers 503 with Retry-After. Turning it on accepts that
         * concurrent writes to one profile in two regions resolve last-writer-wins.
         */
        @WithName("writes-to-fallback")
        @WithDefault("false")
        boolean writesToFallback();

        Breaker breaker();

        /** The circuit breaker of each region's replica (SmallRye Fault Tolerance). */
        interface Breaker {
            /** Size of the rolling window of calls the failure ratio is computed over. */
            @WithName("request-volume-threshold")
            @WithDefault("10")
            int requestVolumeThreshold();

            /** Share of failed calls in the window that opens the breaker. */
            @WithName("failure-ratio")
            @WithDefault("0.5")
            double failureRatio();

            /** How long an open breaker stays open before it lets probe calls through (half-open). */
            @WithDefault("5s")
            Duration delay();

            /** Successful probe calls needed in half-open state to close the breaker again. */
            @WithName("success-threshold")
            @WithDefault("2")
            int successThreshold();
        }
    }

    interface Health {
        /** How long readiness waits for DescribeTable before reporting DOWN. */
        @WithDefault("2s")
        Duration timeout();
    }

    /** The dynoxide engine that dev mode starts by itself; unused in prod. */
    interface LocalEngine {
        @WithDefault("false")
        boolean enabled();

        @WithDefault("node_modules/@dynoxide/linux-x64/dynoxide")
        Path binary();

        @WithDefault("8765")
        int port();

        /** On-disk database, so that a restart of dev mode keeps its data. */
        @WithName("db-path")
        @WithDefault("target/dynoxide-dev.db")
        Path dbPath();
    }
}
