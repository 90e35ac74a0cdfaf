package com.example.profiles.dynamo;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import com.example.profiles.error.FailureTranslator;

/** Store failures that reach the HTTP layer untranslated still become 503s, not 500s. */
public class StoreErrorsProducer {

    @Produces
    @Singleton
    FailureTranslator unhandledStoreFailures() {
        return StoreErrors.ANY_TABLE;
    }
}
