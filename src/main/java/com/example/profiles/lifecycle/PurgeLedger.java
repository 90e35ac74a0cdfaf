package com.example.profiles.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.StoreErrors;
import com.example.profiles.model.RegistryItem;

import io.smallrye.mutiny.Uni;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The progress of each retired model's purge, kept in the model's own map on the registry row
 * ({@code model:<name>}, which nothing rewrites once the model is retired): the lease ({@value #OWNER},
 * {@value #UNTIL}, epoch milliseconds), when each side finished ({@value #ITEMS_AT}, {@value #USERS_AT}, with
 * counts) and when the whole purge did ({@value #PURGED_AT}). Every change is one conditional UpdateItem of nested
 * attributes, without {@code registry_version}: purge bookkeeping is no registry change that pods must follow.
 */
@ApplicationScoped
public class PurgeLedger {

    static final String OWNER = "purge_owner";
    static final String UNTIL = "purge_until";
    static final String ITEMS_AT = "items_purged_at";
    static final String ITEMS = "items_purged";
    static final String USERS_AT = "users_purged_at";
    static final String USERS = "users_purged";
    static final String PURGED_AT = "purged_at";
    private static final String RETIRED_AT = "retired_at";
    private static final String MODEL_PREFIX = "model:";
    private static final StoreErrors ERRORS = new StoreErrors("items table");

    /** What the registry row says of one model's purge. */
    public record State(String model, boolean retired, String owner, long until, Instant itemsPurgedAt,
                        Instant usersPurgedAt, Instant purgedAt) {

        /** Retired, not purged, and no lease in force at {@code now}: a purge may start. */
        boolean pending(long now) {
            return retired && purgedAt == null && until < now;
        }
    }

    /** The sides of a purge, each recorded when done. */
    enum Side {
        ITEMS(PurgeLedger.ITEMS_AT, PurgeLedger.ITEMS),
        USERS(PurgeLedger.USERS_AT, PurgeLedger.USERS);

        final String at;
        final String count;

        Side(String at, String count) {
            this.at = at;
            this.count = count;
        }
    }

    private final DynamoDbAsyncClient dynamo;
    private final String table;

    public PurgeLedger(DynamoDbAsyncClient dynamo, RecommendConfig config) {
        this.dynamo = dynamo;
        this.table = config.itemsTable();
    }

    /** The state of every model that has a definition on the registry row (a consistent read). */
    public Uni<List<State>> states() {
        GetItemRequest request = GetItemRequest.builder().tableName(table).key(RegistryItem.key()).consistentRead(true)
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.getItem(request))
                .map(response -> {
                    List<State> states = new ArrayList<>();
                    if (response.hasItem()) {
                        response.item().forEach((name, value) -> {
                            if (name.startsWith(MODEL_PREFIX) && value.hasM()) {
                                states.add(state(name.substring(MODEL_PREFIX.length()), value.m()));
                            }
                        });
                    }
                    return states;
                })
                .onFailure().transform(ERRORS::translate);
    }

    /** The state of one model's purge; null when the model has no definition on the row. */
    public Uni<State> state(String model) {
        return states().map(states -> states.stream().filter(s -> s.model().equals(model)).findFirst().orElse(null));
    }

    private static State state(String model, Map<String, AttributeValue> m) {
        AttributeValue owner = m.get(OWNER);
        AttributeValue until = m.get(UNTIL);
        return new State(model, m.containsKey(RETIRED_AT), owner == null ? null : owner.s(),
                until == null ? 0 : Long.parseLong(until.n()), instant(m.get(ITEMS_AT)), instant(m.get(USERS_AT)),
                instant(m.get(PURGED_AT)));
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? null : Instant.parse(value.s());
    }

    /**
     * Takes the lease of {@code model}'s purge for {@code owner} until {@code lease} from now, when the model is
     * retired, not purged, and no lease is in force; true when taken.
     */
    public Uni<Boolean> take(String model, String owner, Duration lease) {
        long now = System.currentTimeMillis();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":me", AttributeValue.fromS(owner));
        values.put(":until", number(now + lease.toMillis()));
        values.put(":now", number(now));
        return update(model, "SET #m.#o = :me, #m.#u = :until",
                "attribute_exists(#m.#r) AND attribute_not_exists(#m.#p)"
                        + " AND (attribute_not_exists(#m.#u) OR #m.#u < :now)", values);
    }

    /** Extends {@code owner}'s lease to {@code lease} from now; false when it is not {@code owner}'s any more. */
    public Uni<Boolean> renew(String model, String owner, Duration lease) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":me", AttributeValue.fromS(owner));
        values.put(":until", number(System.currentTimeMillis() + lease.toMillis()));
        return update(model, "SET #m.#u = :until", "#m.#o = :me", values);
    }

    /** Records that one side of the purge is done, having removed {@code removed} vectors in its last run. */
    Uni<Boolean> sideDone(String model, Side side, long removed) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":at", AttributeValue.fromS(Instant.now().toString()));
        values.put(":n", number(removed));
        return update(model, "SET #m." + name(side.at) + " = :at, #m." + name(side.count) + " = :n",
                "attribute_exists(#m.#r)", values, side);
    }

    /** Records that the whole purge is done and releases the lease. */
    public Uni<Boolean> purged(String model) {
        return update(model, "SET #m.#p = :at REMOVE #m.#u", "attribute_exists(#m.#r)",
                Map.of(":at", AttributeValue.fromS(Instant.now().toString())));
    }

    /** Gives the lease up (a purge that failed), so that another pod need not wait for it to expire. */
    public Uni<Boolean> release(String model, String owner) {
        return update(model, "REMOVE #m.#u", "#m.#o = :me", Map.of(":me", AttributeValue.fromS(owner)));
    }

    private Uni<Boolean> update(String model, String expression, String condition, Map<String, AttributeValue> values) {
        return update(model, expression, condition, values, null);
    }

    /** One conditional update of the model's map; false when the condition did not hold. */
    private Uni<Boolean> update(String model, String expression, String condition, Map<String, AttributeValue> values,
                                Side side) {
        Map<String, String> names = new HashMap<>();
        names.put("#m", MODEL_PREFIX + model);
        names.put("#r", RETIRED_AT);
        names.put("#o", OWNER);
        names.put("#u", UNTIL);
        names.put("#p", PURGED_AT);
        if (side != null) {
            names.put(name(side.at), side.at);
            names.put(name(side.count), side.count);
        }
        // DynamoDB refuses names the expressions do not use.
        String used = expression + " " + condition;
        names.keySet().removeIf(placeholder -> !Pattern.compile(Pattern.quote(placeholder) + "(?![a-z])").matcher(used).find());
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table).key(RegistryItem.key())
                .updateExpression(expression)
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                .build();
        return Uni.createFrom().completionStage(() -> dynamo.updateItem(request)).replaceWith(true)
                .onFailure(ConditionalCheckFailedException.class).recoverWithItem(false)
                .onFailure().transform(ERRORS::translate);
    }

    private static String name(String attribute) {
        return "#" + attribute.replace("_", "");
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
