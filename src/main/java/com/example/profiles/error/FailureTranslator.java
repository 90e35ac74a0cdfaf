package com.example.profiles.error;

/**
 * Turns a failure of a backing service into the problem the caller sees. The error package stays
 * free of any service's exception types; the store's translation lives with the store client.
 */
public interface FailureTranslator {

    ProblemException translate(Throwable failure);
}
