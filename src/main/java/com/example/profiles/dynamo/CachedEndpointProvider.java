package com.example.profiles.dynamo;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointParams;
import software.amazon.awssdk.services.dynamodb.endpoints.DynamoDbEndpointProvider;

/**
 * The SDK's endpoint rules for DynamoDB, evaluated once per distinct set of parameters instead of on every call.
 * The rules are a function of the parameters alone (region, FIPS, dual-stack, override, account id and its mode,
 * the table's ARN, ...), and a pod calls a handful of tables in one region with one identity: the same few answers,
 * which the rules engine would otherwise work out again for every GetItem. Nothing is routed differently: each
 * answer is the rules' own. A failed resolution is not kept, and past {@link #MAX_ENTRIES} parameter sets the rules
 * are asked without remembering, so no caller can grow the map without bound.
 */
final class CachedEndpointProvider implements DynamoDbEndpointProvider {

    static final int MAX_ENTRIES = 256;

    /**
     * The parameters, with the value equality the generated class lacks; one component per accessor, named alike
     * (the test fails when an SDK upgrade adds a parameter this key would not tell apart).
     */
    record Key(String regionId, Boolean useDualStack, Boolean useFips, String endpoint, String accountId,
               String accountIdEndpointMode, String resourceArn, List<String> resourceArnList,
               Boolean isSearchOperation) {

        static Key of(DynamoDbEndpointParams p) {
            return new Key(p.regionId(), p.useDualStack(), p.useFips(), p.endpoint(), p.accountId(),
                    p.accountIdEndpointMode(), p.resourceArn(), p.resourceArnList(), p.isSearchOperation());
        }
    }

    private final DynamoDbEndpointProvider rules;
    private final ConcurrentHashMap<Key, CompletableFuture<Endpoint>> answers = new ConcurrentHashMap<>();

    CachedEndpointProvider(DynamoDbEndpointProvider rules) {
        this.rules = rules;
    }

    @Override
    public CompletableFuture<Endpoint> resolveEndpoint(DynamoDbEndpointParams params) {
        Key key = Key.of(params);
        CompletableFuture<Endpoint> known = answers.get(key);
        if (known != null) {
            return known;
        }
        CompletableFuture<Endpoint> answer = rules.resolveEndpoint(params);
        if (answer.isDone() && !answer.isCompletedExceptionally() && answers.size() < MAX_ENTRIES) {
            answers.putIfAbsent(key, answer);
        }
        return answer;
    }

    /** Parameter sets remembered. */
    int size() {
        return answers.size();
    }
}
