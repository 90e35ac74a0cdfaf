package com.example.profiles.dynamo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The service's one segmented read: the segments of a parallel Scan, or one Query per partition of an
 * index, each read page after page from its own position and merged with backpressure, so that a table is
 * never held in memory. A page that fails with a retryable error (timeout, throttling, engine briefly gone)
 * is asked again from the same position after a jittered backoff, so the pages already read are kept.
 * Pages may get their own time budget: a 1 MB page is far slower than the point reads the client-wide
 * timeouts are tuned for. Pages arrive on the client's I/O threads (the service's event loops); readers get
 * their rows on a worker.
 */
public final class PagedScan {

    /** Pages of a segment read ahead of its reader: the unit of memory is a page (up to 1 MB), not a row. */
    private static final int PAGES_AHEAD = 2;

    /**
     * @param segments     parallel Scan segments, or the number of Queries
     * @param pageTimeout  budget of one page request, its SDK retries included; null: the client's own budgets
     * @param pageAttempts requests per page before the read fails, the first included
     * @param baseBackoff  first delay before a page is asked again; doubled per attempt, with jitter
     */
    public record Policy(int segments, Duration pageTimeout, int pageAttempts, Duration baseBackoff) {
        public Policy {
            if (segments < 1 || pageAttempts < 1) {
                throw new IllegalArgumentException("segments and page attempts must be at least 1");
            }
        }

        /** Each page asked once, within the client's own budgets. */
        public static Policy once(int segments) {
            return new Policy(segments, null, 1, Duration.ZERO);
        }

        /** Each page asked once, within {@code pageTimeout}. */
        public static Policy once(int segments, Duration pageTimeout) {
            return new Policy(segments, pageTimeout, 1, Duration.ZERO);
        }
    }

    private PagedScan() {
    }

    /** Every item of the Scan {@code base} describes (table, projection, filter), read as {@code policy} says; no page is retried. */
    public static Multi<Map<String, AttributeValue>> items(DynamoDbAsyncClient dynamo, ScanRequest base, Policy policy) {
        return items(dynamo, base, policy, failure -> false);
    }

    /**
     * Every item of the Scan {@code base} describes (table, projection, filter), segment by segment, merged.
     * Fails once every segment has ended, with the first segment's failure, so that no failure arrives after
     * the stream ended (Mutiny would log it as a dropped exception).
     *
     * @param retryable which failures are worth asking the page again
     */
    public static Multi<Map<String, AttributeValue>> items(DynamoDbAsyncClient dynamo, ScanRequest base, Policy policy,
            Predicate<Throwable> retryable) {
        boolean parallel = policy.segments() > 1;
        return merged(policy, segment -> {
            ScanRequest request = base.toBuilder()
                    .segment(parallel ? segment : null)
                    .totalSegments(parallel ? policy.segments() : null)
                    .overrideConfiguration(budget(base.overrideConfiguration().orElse(null), policy))
                    .build();
            return from -> dynamo.scan(from == null ? request : request.toBuilder().exclusiveStartKey(from).build())
                    .thenApply(page -> new Page(page.items(), page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
        }, retryable);
    }

    /**
     * Every item of {@code policy.segments()} Queries, the one of segment {@code i} being {@code query(i)}
     * (e.g. one per partition of an index), read and merged as the segments of a Scan are.
     */
    public static Multi<Map<String, AttributeValue>> queries(DynamoDbAsyncClient dynamo, IntFunction<QueryRequest> query,
            Policy policy, Predicate<Throwable> retryable) {
        return merged(policy, segment -> {
            QueryRequest base = query.apply(segment);
            QueryRequest request = base.toBuilder()
                    .overrideConfiguration(budget(base.overrideConfiguration().orElse(null), policy))
                    .build();
            return from -> dynamo.query(from == null ? request : request.toBuilder().exclusiveStartKey(from).build())
                    .thenApply(page -> new Page(page.items(), page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null));
        }, retryable);
    }

    /** One page of a segment and where the next one starts (null or empty: none). */
    private record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> next) {
        boolean hasMore() {
            return next != null && !next.isEmpty();
        }
    }

    /** Reads the page that starts at the given key (null: the first). */
    private interface PageReader extends Function<Map<String, AttributeValue>, CompletableFuture<Page>> {
    }

    private static Multi<Map<String, AttributeValue>> merged(Policy policy, IntFunction<PageReader> segments,
            Predicate<Throwable> retryable) {
        List<Multi<Map<String, AttributeValue>>> streams = new ArrayList<>(policy.segments());
        for (int segment = 0; segment < policy.segments(); segment++) {
            streams.add(segment(segments.apply(segment), policy, retryable));
        }
        if (streams.size() == 1) {
            return streams.get(0);
        }
        // Collect the segments' failures instead of failing on the first: with fail-fast merging, the failures
        // of the segments still running arrive after the merge has ended and Mutiny logs them as dropped
        // exceptions (at ERROR). The first failure is the one reported.
        return Multi.createBy().merging().collectFailures().streams(streams)
                .onFailure(CompositeException.class)
                .transform(failure -> ((CompositeException) failure).getCauses().get(0));
    }

    private static Multi<Map<String, AttributeValue>> segment(PageReader reader, Policy policy, Predicate<Throwable> retryable) {
        Duration maxBackoff = policy.baseBackoff().multipliedBy(1L << Math.min(policy.pageAttempts(), 8));
        Multi<Page> pages = Multi.createBy().repeating()
                .uni(() -> new AtomicReference<Map<String, AttributeValue>>(),
                        position -> page(reader, position.get(), policy, maxBackoff, retryable)
                                .invoke(page -> position.set(page.next())))
                .whilst(Page::hasMore);
        // Decoding a page's rows is a reader's work: on a worker, not on the I/O thread that completed the page.
        return pages.emitOn(Infrastructure.getDefaultWorkerPool(), PAGES_AHEAD).onItem().transformToIterable(Page::items);
    }

    private static Uni<Page> page(PageReader reader, Map<String, AttributeValue> from, Policy policy, Duration maxBackoff,
            Predicate<Throwable> retryable) {
        Uni<Page> once = Uni.createFrom().completionStage(() -> reader.apply(from));
        if (policy.pageAttempts() == 1) {
            return once;
        }
        return once.onFailure(retryable).retry()
                .withBackOff(policy.baseBackoff(), maxBackoff).withJitter(0.5)
                .atMost(policy.pageAttempts() - 1L);
    }

    /** The request's own configuration, with the policy's page budget when it has one. */
    private static AwsRequestOverrideConfiguration budget(AwsRequestOverrideConfiguration own, Policy policy) {
        if (policy.pageTimeout() == null) {
            return own;
        }
        AwsRequestOverrideConfiguration.Builder builder = own == null ? AwsRequestOverrideConfiguration.builder() : own.toBuilder();
        return builder.apiCallTimeout(policy.pageTimeout()).apiCallAttemptTimeout(policy.pageTimeout()).build();
    }
}
