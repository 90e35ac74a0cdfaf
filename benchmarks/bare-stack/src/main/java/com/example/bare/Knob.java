package com.example.bare;

/**
 * A change to the SDK client whose worth per call is measured against the client as the service builds it.
 * Each keeps every guarantee the service relies on (timeouts, retries, SigV4 signing on real AWS).
 */
public enum Knob {
    /**
     * The endpoint resolved once at start instead of by the endpoint rules engine on every call: the regional
     * endpoint (or the configured override) is all this client ever calls.
     */
    STATIC_ENDPOINT
}
