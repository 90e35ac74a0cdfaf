package com.example.profiles.model;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.example.profiles.kernel.Metric;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one row of the Items table that is not an item: the model registry. Its key cannot be an item id (ids
 * never contain {@code #}), and catalog loads skip it. It holds {@code default}'s dimension in
 * {@value #DIMENSION} (claimed by the first vector ever written; every item write after that is a transaction
 * that checks it), each model in an attribute of its own ({@code model:<name>}, a map: dimension, metric,
 * description, created_at, retired_at), the traffic split in {@value #TRAFFIC}, and a version that every
 * registry change increments. Item and user vector writes check their model here in the same transaction, so
 * no vector of another dimension, or of a retired model, is ever stored.
 */
public final class RegistryItem {

    /** The Items table's key attribute. */
    public static final String ITEM_ID = "item_id";
    /** The registry's {@code item_id}. */
    public static final String KEY = "#catalog";
    /** {@code default}'s dimension: the attribute the store has always kept it in. */
    public static final String DIMENSION = "dimension";
    public static final String VERSION = "registry_version";
    public static final String TRAFFIC = "traffic";
    private static final String MODEL_PREFIX = "model:";
    private static final String MODEL_DIMENSION = "dimension";
    private static final String METRIC = "metric";
    private static final String DESCRIPTION = "description";
    private static final String CREATED_AT = "created_at";
    private static final String RETIRED_AT = "retired_at";
    private static final String SPLIT = "split";
    private static final String SALT = "salt";
    private static final String UPDATED_AT = "updated_at";

    private RegistryItem() {
    }

    public static Map<String, AttributeValue> key() {
        return Map.of(ITEM_ID, AttributeValue.fromS(KEY));
    }

    public static boolean isRegistry(Map<String, AttributeValue> raw) {
        AttributeValue id = raw.get(ITEM_ID);
        return id != null && KEY.equals(id.s());
    }

    /** {@code default}'s stored dimension, or 0 for none. */
    public static int dimensionOf(Map<String, AttributeValue> raw) {
        return number(raw == null ? null : raw.get(DIMENSION));
    }

    /** The attribute a model's definition is kept in. */
    public static String modelAttribute(String model) {
        return MODEL_PREFIX + model;
    }

    /** The registry a stored item holds (null or empty: a store without one). */
    public static ModelRegistry read(Map<String, AttributeValue> raw) {
        if (raw == null || raw.isEmpty()) {
            return ModelRegistry.legacy(0);
        }
        Map<String, ModelDefinition> models = new HashMap<>();
        raw.forEach((name, value) -> {
            if (name.startsWith(MODEL_PREFIX) && value.hasM()) {
                String model = name.substring(MODEL_PREFIX.length());
                models.put(model, definition(model, value.m(), dimensionOf(raw)));
            }
        });
        models.computeIfAbsent(ModelNames.DEFAULT, m -> ModelRegistry.legacy(dimensionOf(raw)).get(m));
        AttributeValue traffic = raw.get(TRAFFIC);
        return new ModelRegistry(models, traffic == null || !traffic.hasM() ? null : split(traffic.m()),
                number(raw.get(VERSION)));
    }

    private static ModelDefinition definition(String model, Map<String, AttributeValue> m, int defaultDimension) {
        int dimension = ModelNames.DEFAULT.equals(model) ? defaultDimension : number(m.get(MODEL_DIMENSION));
        AttributeValue metric = m.get(METRIC);
        return new ModelDefinition(model, dimension,
                metric == null ? Metric.DOT : Metric.valueOf(metric.s().toUpperCase(Locale.ROOT)),
                text(m.get(DESCRIPTION)), instant(m.get(CREATED_AT)), instant(m.get(RETIRED_AT)));
    }

    private static TrafficSplit split(Map<String, AttributeValue> m) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        m.get(SPLIT).m().forEach((model, weight) -> weights.put(model, number(weight)));
        return new TrafficSplit(weights, text(m.get(SALT)), instant(m.get(UPDATED_AT)));
    }

    /** A model's definition as stored ({@code default}'s dimension lives in {@value #DIMENSION} instead). */
    public static AttributeValue definition(ModelDefinition d) {
        Map<String, AttributeValue> m = new HashMap<>();
        if (!d.isDefault()) {
            m.put(MODEL_DIMENSION, AttributeValue.fromN(Integer.toString(d.dimension())));
        }
        m.put(METRIC, AttributeValue.fromS(d.metric().name().toLowerCase(Locale.ROOT)));
        if (d.description() != null) {
            m.put(DESCRIPTION, AttributeValue.fromS(d.description()));
        }
        if (d.createdAt() != null) {
            m.put(CREATED_AT, AttributeValue.fromS(d.createdAt().toString()));
        }
        if (d.retiredAt() != null) {
            m.put(RETIRED_AT, AttributeValue.fromS(d.retiredAt().toString()));
        }
        return AttributeValue.fromM(m);
    }

    /** A split as stored. */
    public static AttributeValue traffic(TrafficSplit split) {
        Map<String, AttributeValue> weights = new HashMap<>();
        split.weights().forEach((model, weight) -> {
            if (weight > 0) {
                weights.put(model, AttributeValue.fromN(Integer.toString(weight)));
            }
        });
        Map<String, AttributeValue> m = new HashMap<>();
        m.put(SPLIT, AttributeValue.fromM(weights));
        m.put(SALT, AttributeValue.fromS(split.salt()));
        m.put(UPDATED_AT, AttributeValue.fromS(split.updatedAt().toString()));
        return AttributeValue.fromM(m);
    }

    /**
     * The condition a vector write of {@code model} checks on the registry, in the same transaction: the model
     * keeps {@code dimension} and is not retired. Placeholders {@code #rd #rm #rr} and {@code :rd}.
     */
    public static VectorCheck vectorCheck(String model, int dimension) {
        Map<String, String> names = new HashMap<>();
        names.put("#rm", modelAttribute(model));
        names.put("#rr", RETIRED_AT);
        String dimensionPath;
        if (ModelNames.DEFAULT.equals(model)) {
            names.put("#rd", DIMENSION);
            dimensionPath = "#rd";
        } else {
            names.put("#rd", MODEL_DIMENSION);
            dimensionPath = "#rm.#rd";
        }
        return new VectorCheck(dimensionPath + " = :rd AND attribute_not_exists(#rm.#rr)", names,
                Map.of(":rd", AttributeValue.fromN(Integer.toString(dimension))));
    }

    /** A condition on the registry item, with its placeholders. */
    public record VectorCheck(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    }

    private static int number(AttributeValue value) {
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    private static String text(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static Instant instant(AttributeValue value) {
        return value == null || value.s() == null ? null : Instant.parse(value.s());
    }
}
