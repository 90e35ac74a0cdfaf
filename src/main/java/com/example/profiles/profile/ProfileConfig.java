package com.example.profiles.profile;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The profile table and its batch reads. Every key is overridable by environment variable in the
 * usual MicroProfile way, e.g. {@code profiles.table} as {@code PROFILES_TABLE}.
 */
@ConfigMapping(prefix = "profiles")
public interface ProfileConfig {

    /** DynamoDB table holding the profiles (the table of the original boto3 deployment). */
    @WithDefault("UserProfiles")
    String table();

    BatchGet batchGet();

    /**
     * How long a profile lives after its last write (PROFILES_RETENTION, e.g. {@code 730d}); unset:
     * for ever. A write's own {@code expires_at} wins. Stored as the DynamoDB TTL attribute
     * {@code expires_at}; every read treats an expired profile as absent, since DynamoDB deletes it
     * only eventually.
     */
    Optional<Duration> retention();

    interface BatchGet {
        /** Most ids in one batch-get request (DynamoDB's BatchGetItem limit is 100). */
        @WithDefault("100")
        int maxIds();

        /** Calls made for one request before unprocessed keys are answered with 503. */
        @WithDefault("8")
        int maxAttempts();

        /** First backoff before retrying unprocessed keys; doubled per attempt, with full jitter. */
        @WithDefault("25ms")
        Duration baseBackoff();
    }
}
