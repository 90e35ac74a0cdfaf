package com.example.profiles.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import mutiny.zero.flow.adapters.AdaptersToFlow;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbAsyncTable;
import software.amazon.awssdk.enhanced.dynamodb.model.ScanEnhancedRequest;

/**
 * Every item of a table from a parallel Scan: one stream per segment, merged, with
 * backpressure end to end, so the table is never held in memory. A failed segment fails the scan once
 * every segment has ended.
 */
public final class ParallelScan {

    private ParallelScan() {
    }

    /** @param customize adds what every segment's request shares, e.g. a projection */
    public static <T> Multi<T> items(DynamoDbAsyncTable<T> table, int segments,
            UnaryOperator<ScanEnhancedRequest.Builder> customize) {
        List<Multi<T>> streams = new ArrayList<>(segments);
        for (int segment = 0; segment < segments; segment++) {
            ScanEnhancedRequest request = customize.apply(ScanEnhancedRequest.builder()
                    .segment(segment)
                    .totalSegments(segments))
                    .build();
            // Off the client's I/O threads (the service's event loops) before readers see an item.
            streams.add(Multi.createFrom().deferred(
                    () -> Multi.createFrom().publisher(AdaptersToFlow.publisher(table.scan(request).items())))
                    .emitOn(Infrastructure.getDefaultWorkerPool()));
        }
        // Collect the segments' failures instead of failing on the first: with fail-fast merging, the failures
        // of the segments still running arrive after the merge has ended and Mutiny logs them as dropped
        // exceptions (at ERROR). The first failure is the one reported.
        return Multi.createBy().merging().collectFailures().streams(streams)
                .onFailure(CompositeException.class)
                .transform(failure -> ((CompositeException) failure).getCauses().get(0));
    }
}
