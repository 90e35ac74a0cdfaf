package com.example.profiles.dynamo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A parallel Scan that survives slow and failing pages: each segment reads page after page from its
 * own position, and a page that fails with a retryable error (timeout, throttling, engine briefly gone)
 * is asked again from the same position after a jittered backoff, so the pages already read are kept.
 * Pages get their own time budget: a 1 MB page is far slower than the point reads the client-wide
 * timeouts are tuned for.
 */
public final class PagedScan {

    /**
     * @param segments     parallel Scan segments
     * @param pageTimeout  budget of one page request, its SDK retries included
     * @param pageAttempts requests per page before the scan fails, the first included
     * @param baseBackoff  first delay before a page is asked again; doubled per attempt, with jitter
     */
    public record Policy(int segments, Duration pageTimeout, int pageAttempts, Duration baseBackoff) {
        public Policy {
            if (segments < 1 || pageAttempts < 1) {
                throw new IllegalArgumentException("segments and page attempts must be at least 1");
            }
        }
    }

    private PagedScan() {
    }

    /**
     * Every item of the scan {@code base} describes (table, projection), segment by segment, merged with
     * backpressure. Fails once every segment has ended, with the first segment's failure, so that no
     * failure arrives after the stream ended (Mutiny would log it as a dropped exception).
     *
     * @param retryable which failures are worth asking the page again
     */
    public static Multi<Map<String, AttributeValue>> items(DynamoDbAsyncClient dynamo, ScanRequest base, Policy policy,
            Predicate<Throwable> retryable) {
        List<Multi<Map<String, AttributeValue>>> streams = new ArrayList<>(policy.segments());
        for (int segment = 0; segment < policy.segments(); segment++) {
            ScanRequest segmentRequest = base.toBuilder()
                    .segment(policy.segments() > 1 ? segment : null)
                    .totalSegments(policy.segments() > 1 ? policy.segments() : null)
                    .overrideConfiguration(o -> o.apiCallTimeout(policy.pageTimeout())
                            .apiCallAttemptTimeout(policy.pageTimeout()))
                    .build();
            streams.add(segment(dynamo, segmentRequest, policy, retryable));
        }
        if (streams.size() == 1) {
            return streams.get(0);
        }
        return Multi.createBy().merging().collectFailures().streams(streams)
                .onFailure(CompositeException.class)
                .transform(failure -> ((CompositeException) failure).getCauses().get(0));
    }

    private static Multi<Map<String, AttributeValue>> segment(DynamoDbAsyncClient dynamo, ScanRequest request,
            Policy policy, Predicate<Throwable> retryable) {
        Duration maxBackoff = policy.baseBackoff().multipliedBy(1L << Math.min(policy.pageAttempts(), 8));
        Multi<ScanResponse> pages = Multi.createBy().repeating()
                .uni(() -> new AtomicReference<Map<String, AttributeValue>>(),
                        position -> page(dynamo, request, position.get(), policy, maxBackoff, retryable)
                                .invoke(response -> position.set(response.lastEvaluatedKey())))
                .whilst(PagedScan::hasMore);
        // Pages arrive on the client's I/O threads (the service's event loops): what readers do with a page's
        // items runs on a worker instead.
        return pages.emitOn(Infrastructure.getDefaultWorkerPool()).onItem().transformToIterable(ScanResponse::items);
    }

    private static Uni<ScanResponse> page(DynamoDbAsyncClient dynamo, ScanRequest request,
            Map<String, AttributeValue> from, Policy policy, Duration maxBackoff, Predicate<Throwable> retryable) {
        ScanRequest positioned = from == null ? request : request.toBuilder().exclusiveStartKey(from).build();
        Uni<ScanResponse> once = Uni.createFrom().completionStage(() -> dynamo.scan(positioned));
        if (policy.pageAttempts() == 1) {
            return once;
        }
        return once.onFailure(retryable).retry()
                .withBackOff(policy.baseBackoff(), maxBackoff).withJitter(0.5)
                .atMost(policy.pageAttempts() - 1L);
    }

    private static boolean hasMore(ScanResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
    }
}
