package com.example.profiles.recommend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import com.example.profiles.error.ProblemException;
import com.example.profiles.input.Integers;

/**
 * One control of a ranking request, said once: its name (the query parameter and the JSON member alike), the
 * endpoints that take it, the JSON type it travels as, how its text becomes a value (every defect a 400 that
 * names the control), what the API document states of it, and what the answer's constraints echo of it.
 * {@link RequestControls} is the table; the GET, the POST body, the API document and the echo are read from it.
 *
 * @param <T> the checked value
 */
public final class RequestControl<T> {

    /** The endpoints that take ranking controls. */
    public enum Endpoint {
        RECOMMENDATIONS, SIMILAR_ITEMS
    }

    /** How a value travels in a JSON body; in a query every control is text, a list comma-separated. */
    public enum Wire {
        INTEGER, TEXT, BOOLEAN, ID_LIST
    }

    /** A check of a value against the controls read before it. */
    @FunctionalInterface
    public interface Rule<T> {
        void check(T value, RecommendRequest earlier);
    }

    /** What the API document states of a control besides its type; null where it states nothing. */
    public record Doc(String description, String example, Integer minimum, Integer maximum, Object defaultValue,
                      List<String> enumeration, Integer maxItems) {

        Doc described(String text, String sample) {
            return new Doc(text, sample, minimum, maximum, defaultValue, enumeration, maxItems);
        }
    }

    /** What the answer's constraints show of a control: a value of {@code type}, or nothing (null). */
    public record Echo<T>(Wire type, String description, Function<T, Object> value) {
    }

    private final String name;
    private final Set<Endpoint> endpoints;
    private final Wire wire;
    private final Function<Object, T> parser;
    private final Rule<T> rule;
    private final Doc doc;
    private final Echo<T> echo;
    private final T absent;

    private RequestControl(String name, Set<Endpoint> endpoints, Wire wire, Function<Object, T> parser, Rule<T> rule,
                           Doc doc, Echo<T> echo) {
        this.name = name;
        this.endpoints = Set.copyOf(endpoints);
        this.wire = wire;
        this.parser = parser;
        this.rule = rule;
        this.doc = doc;
        this.echo = echo;
        this.absent = parser.apply(null);
    }

    /** An integer in {@code min..max}, {@code absent} when not given. */
    static RequestControl<Integer> integer(String name, Set<Endpoint> on, int min, int max, int absent) {
        Function<String, Integer> parse = raw -> Integers.inRange(name, raw, absent, min, max);
        return new RequestControl<>(name, on, Wire.INTEGER, fromText(parse), null,
                new Doc(null, null, min, max, absent, null, null), null);
    }

    /**
     * One of the {@code labels} (in the order the document lists them), {@code absent} when not given. A
     * control of one label is that label or nothing.
     */
    static <T> RequestControl<T> choice(String name, Set<Endpoint> on, Wire wire, Map<String, T> labels, T absent,
                                        boolean ignoreCase) {
        Map<String, T> choices = new LinkedHashMap<>(labels);
        List<String> names = new ArrayList<>(choices.keySet());
        String problem = names.size() == 1
                ? name + " must be '" + names.get(0) + "' or absent"
                : name + " must be " + String.join(" or ", names);
        Function<String, T> parse = raw -> {
            if (raw == null || raw.isEmpty()) {
                return absent;
            }
            T value = choices.get(ignoreCase ? raw.toLowerCase(Locale.ROOT) : raw);
            if (value == null) {
                throw ProblemException.badRequest(problem);
            }
            return value;
        };
        Object documentedDefault = choices.entrySet().stream().filter(e -> Objects.equals(e.getValue(), absent))
                .map(e -> wire == Wire.BOOLEAN ? (Object) Boolean.valueOf(e.getKey()) : e.getKey())
                .findFirst().orElse(null);
        return new RequestControl<>(name, on, wire, fromText(parse), null,
                new Doc(null, null, null, null, documentedDefault, wire == Wire.BOOLEAN ? null : names, null), null);
    }

    /** Free text checked by {@code parse}, which also says what absence (null) means. */
    static <T> RequestControl<T> text(String name, Set<Endpoint> on, Function<String, T> parse) {
        return new RequestControl<>(name, on, Wire.TEXT, fromText(parse), null, new Doc(null, null, null, null, null, null, null),
                null);
    }

    /** Item ids, at most {@code max}, checked by {@code parse}, which also says what absence (null) means. */
    static RequestControl<List<String>> ids(String name, Set<Endpoint> on, int max, Function<List<String>, List<String>> parse) {
        @SuppressWarnings("unchecked")
        Function<Object, List<String>> list = raw -> parse.apply((List<String>) raw);
        return new RequestControl<>(name, on, Wire.ID_LIST, list, null, new Doc(null, null, null, null, null, null, max),
                null);
    }

    private static <T> Function<Object, T> fromText(Function<String, T> parse) {
        return raw -> parse.apply((String) raw);
    }

    /** This control with the API document's words for it. */
    RequestControl<T> describe(String description, String example) {
        return new RequestControl<>(name, endpoints, wire, parser, rule, doc.described(description, example), echo);
    }

    /** This control with a check against the controls read before it. */
    RequestControl<T> rule(Rule<T> check) {
        return new RequestControl<>(name, endpoints, wire, parser, check, doc, echo);
    }

    /** This control echoed in the answer's constraints as {@code value} of it (null: not shown). */
    RequestControl<T> echo(Wire type, String description, Function<T, Object> value) {
        return new RequestControl<>(name, endpoints, wire, parser, rule, doc, new Echo<>(type, description, value));
    }

    public String name() {
        return name;
    }

    public boolean takenBy(Endpoint endpoint) {
        return endpoints.contains(endpoint);
    }

    public Wire wire() {
        return wire;
    }

    public Doc doc() {
        return doc;
    }

    /** How the answer echoes this control, or null when it does not. */
    public Echo<T> echo() {
        return echo;
    }

    /** The value when the request does not give one. */
    public T absent() {
        return absent;
    }

    /**
     * The value of {@code raw} (text, or a list of text for {@link Wire#ID_LIST}; null when absent), checked
     * against the controls read before it.
     *
     * @throws ProblemException 400 naming the control
     */
    T read(Object raw, RecommendRequest earlier) {
        T value = parser.apply(raw);
        if (rule != null) {
            rule.check(value, earlier);
        }
        return value;
    }

    /** What the answer shows of {@code value}, or null. */
    Object echoed(Object value) {
        return echo == null ? null : echo.value().apply(cast(value));
    }

    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return name;
    }
}
