package com.example.profiles.logging;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * Drops exactly one log record: the WARN with some thirty stack lines that Netty writes when the AWS SDK's
 * Netty client cancels a DynamoDB request in flight ("An exceptionCaught() event was fired, and it reached at the
 * tail of the pipeline ... java.io.IOException: Request cancelled", thrown by the SDK's FutureCancelHandler,
 * which fires the exception at a pipeline with no handler after it). Our own code cancels such requests on
 * purpose: a replica call past its time budget ({@code profiles.failover.read-timeout}, which a loaded dev
 * start exceeds) is answered 503 and counted by the region's breaker, and a finished stream stops the page it
 * had already asked for. The caller sees the outcome; the stack trace adds nothing. Every other record of
 * Netty's pipeline logger stays.
 */
@LoggingFilter(name = CancelledSdkRequests.NAME)
public final class CancelledSdkRequests implements Filter {

    static final String NAME = "cancelled-sdk-requests";
    static final String PIPELINE_LOGGER = "io.netty.channel.DefaultChannelPipeline";
    static final String SDK_CANCEL_HANDLER = "software.amazon.awssdk.http.nio.netty.internal.FutureCancelHandler";

    @Override
    public boolean isLoggable(LogRecord record) {
        return !(PIPELINE_LOGGER.equals(record.getLoggerName()) && isSdkCancellation(record.getThrown()));
    }

    static boolean isSdkCancellation(Throwable thrown) {
        if (!(thrown instanceof IOException) || !"Request cancelled".equals(thrown.getMessage())) {
            return false;
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        return trace.length > 0 && SDK_CANCEL_HANDLER.equals(trace[0].getClassName());
    }
}
