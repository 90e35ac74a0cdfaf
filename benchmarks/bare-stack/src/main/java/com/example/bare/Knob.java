package com.example.bare;

/**
 * A change to the SDK client whose worth per call is measured against the client as the service builds it.
 * Each keeps every guarantee the service relies on (timeouts, retries, SigV4 signing on real AWS). Signing
 * itself cannot be measured this way: the local engine refuses unsigned calls, as DynamoDB does.
 */
public enum Knob {
    /**
     * The endpoint resolved once at start instead of by the endpoint rules engine on every call: the regional
     * endpoint (or the configured override) is all this client ever calls.
     */
    STATIC_ENDPOINT,
    /**
     * No Netty read and write timeouts (0): the SDK still adds and removes their handlers on every call, but
     * schedules and cancels no timer on the event loop. Every call stays bounded by the SDK's attempt timeout,
     * which closes the connection. Set through the client's configuration (the extension builds the HTTP
     * client), so scripts/perf/bare-stack.sh applies it; the producer has nothing to do.
     */
    NETTY_TIMEOUTS_OFF
}
