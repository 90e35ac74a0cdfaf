package com.example.profiles.logging;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import org.junit.jupiter.api.Test;

/** Only Netty's WARN about a request the SDK cancelled is dropped; everything else of that logger stays. */
class CancelledSdkRequestsTest {

    private final CancelledSdkRequests filter = new CancelledSdkRequests();

    @Test
    void theSdksCancellationWarningIsDropped() {
        assertFalse(filter.isLoggable(record(CancelledSdkRequests.PIPELINE_LOGGER,
                thrownBy(CancelledSdkRequests.SDK_CANCEL_HANDLER, new IOException("Request cancelled")))));
    }

    @Test
    void everythingElseStays() {
        // another failure on the same pipeline
        assertTrue(filter.isLoggable(record(CancelledSdkRequests.PIPELINE_LOGGER,
                thrownBy("io.netty.handler.ssl.SslHandler", new IOException("Connection reset by peer")))));
        // the same words thrown elsewhere
        assertTrue(filter.isLoggable(record(CancelledSdkRequests.PIPELINE_LOGGER,
                thrownBy("com.example.Other", new IOException("Request cancelled")))));
        // the same exception logged by another logger
        assertTrue(filter.isLoggable(record("software.amazon.awssdk.request",
                thrownBy(CancelledSdkRequests.SDK_CANCEL_HANDLER, new IOException("Request cancelled")))));
        assertTrue(filter.isLoggable(record(CancelledSdkRequests.PIPELINE_LOGGER, null)));
    }

    private static LogRecord record(String logger, Throwable thrown) {
        LogRecord record = new LogRecord(Level.WARNING, "An exceptionCaught() event was fired, and it reached at the tail"
                + " of the pipeline. It usually means the last handler in the pipeline did not handle the exception.");
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    private static Throwable thrownBy(String className, Throwable thrown) {
        thrown.setStackTrace(new StackTraceElement[] {
                new StackTraceElement(className, "exceptionCaught", "X.java", 63),
                new StackTraceElement("io.netty.channel.AbstractChannelHandlerContext", "invokeExceptionCaught", "Y.java", 346) });
        return thrown;
    }
}
