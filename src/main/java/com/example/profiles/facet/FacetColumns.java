package com.example.profiles.facet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.example.profiles.kernel.RowMask;

/**
 * The item attributes that requests filter and group on, kept column by column beside the catalog's vectors:
 * a text facet (a string or a list of strings, e.g. {@code language}, {@code authors}, {@code genres}) is
 * dictionary-encoded with one sorted posting list of rows per value; a number facet ({@code price}) is one
 * double per row (NaN when absent); a boolean facet ({@code in_stock}) is two bitmaps. Immutable once built.
 * A facet's kind is the kind of the values it holds; values of another kind are left out and counted.
 * A facet can be declared without any value (configured, but no item has it yet): it is known to filters,
 * and matches no row.
 */
public final class FacetColumns {

    /** What a facet holds. */
    public enum Kind { TEXT, NUMBER, BOOLEAN }

    private final int rows;
    private final Map<String, Column> columns;
    private final long ignoredValues;

    private FacetColumns(int rows, Map<String, Column> columns, long ignoredValues) {
        this.rows = rows;
        this.columns = columns;
        this.ignoredValues = ignoredValues;
    }

    public static FacetColumns empty(int rows) {
        return new FacetColumns(rows, Map.of(), 0);
    }

    public int rows() {
        return rows;
    }

    public Set<String> names() {
        return columns.keySet();
    }

    /** The facet's kind, or null when the catalog has no such facet. */
    public Kind kind(String facet) {
        Column c = columns.get(facet);
        return c == null ? null : c.kind();
    }

    /** Values that were left out for having another kind than their facet. */
    public long ignoredValues() {
        return ignoredValues;
    }

    /** Bytes held by the columns (arrays and dictionary strings, approximately). */
    public long bytes() {
        long total = 0;
        for (Column c : columns.values()) {
            total += c.bytes();
        }
        return total;
    }

    /** The rows that pass {@code filter}. @throws FilterException for an unknown facet or a value of the wrong kind */
    public RowMask evaluate(Filter filter) {
        if (filter instanceof Filter.And and) {
            return evaluate(and.left()).and(evaluate(and.right()));
        }
        if (filter instanceof Filter.Or or) {
            return evaluate(or.left()).or(evaluate(or.right()));
        }
        if (filter instanceof Filter.Not not) {
            return evaluate(not.operand()).not(rows);
        }
        if (filter instanceof Filter.Flag flag) {
            return column(flag.facet()).flag(flag.facet());
        }
        if (filter instanceof Filter.Compare cmp) {
            boolean negated = cmp.op() == Filter.Op.NE;
            RowMask hits = column(cmp.facet()).compare(cmp.facet(), negated ? Filter.Op.EQ : cmp.op(), cmp.value());
            return negated ? hits.not(rows) : hits;
        }
        Filter.In in = (Filter.In) filter;
        Column column = column(in.facet());
        RowMask any = RowMask.none(rows);
        for (Filter.Literal value : in.values()) {
            any = any.or(column.compare(in.facet(), Filter.Op.EQ, value));
        }
        return any;
    }

    /**
     * Per row, the dictionary id of the facet's first value (-1 when absent): the group of {@code max_per}.
     * @throws IllegalArgumentException when the catalog has no such text facet
     */
    public int[] groups(String facet) {
        Column column = columns.get(facet);
        if (column instanceof EmptyColumn) {
            int[] none = new int[rows];
            Arrays.fill(none, -1);
            return none;
        }
        if (!(column instanceof TextColumn text)) {
            throw new IllegalArgumentException(columns.containsKey(facet)
                    ? "facet '" + facet + "' holds " + kind(facet).name().toLowerCase() + " values; only text facets group"
                    : "unknown facet '" + facet + "'; known facets: " + String.join(", ", new java.util.TreeSet<>(columns.keySet())));
        }
        return text.first;
    }

    /** Per row, the value of a number facet (NaN when absent), or null when the facet holds no numbers. */
    public double[] numbers(String facet) {
        return columns.get(facet) instanceof NumberColumn numbers ? numbers.values() : null;
    }

    private Column column(Filter.Facet facet) {
        Column c = columns.get(facet.name());
        if (c == null) {
            throw new FilterException("unknown facet '" + facet.name() + "'", facet.position(),
                    "known facets: " + String.join(", ", new java.util.TreeSet<>(columns.keySet())));
        }
        return c;
    }

    private sealed interface Column permits TextColumn, NumberColumn, BooleanColumn, EmptyColumn {
        Kind kind();

        long bytes();

        RowMask compare(Filter.Facet facet, Filter.Op op, Filter.Literal value);

        default RowMask flag(Filter.Facet facet) {
            throw new FilterException("facet '" + facet.name() + "' holds " + kind().name().toLowerCase()
                    + " values; only a boolean facet stands alone", facet.position());
        }
    }

    /** A declared facet that no row has a value for. */
    private record EmptyColumn(int rows) implements Column {
        public Kind kind() {
            return null;
        }

        public long bytes() {
            return 0;
        }

        public RowMask compare(Filter.Facet facet, Filter.Op op, Filter.Literal value) {
            return RowMask.none(rows);
        }

        @Override
        public RowMask flag(Filter.Facet facet) {
            return RowMask.none(rows);
        }
    }

    private static FilterException wrongValue(Filter.Facet facet, Kind kind, Filter.Literal value, String allowed) {
        return new FilterException("facet '" + facet.name() + "' holds " + kind.name().toLowerCase() + " values; "
                + allowed, value.position());
    }

    private record TextColumn(int rows, String[] dictionary, Map<String, Integer> ids, int[] offsets, int[] postings,
                              int[] first) implements Column {
        public Kind kind() {
            return Kind.TEXT;
        }

        public long bytes() {
            long strings = 0;
            for (String s : dictionary) {
                strings += 40 + 2L * s.length();
            }
            return strings + 4L * (offsets.length + postings.length + first.length) + 48L * ids.size();
        }

        public RowMask compare(Filter.Facet facet, Filter.Op op, Filter.Literal value) {
            if (!(value instanceof Filter.Text text) || op != Filter.Op.EQ) {
                throw wrongValue(facet, Kind.TEXT, value, "compare it with = or != or in, to quoted strings");
            }
            long[] set = new long[RowMask.wordCount(rows)];
            Integer id = ids.get(text.value());
            if (id != null) {
                for (int i = offsets[id]; i < offsets[id + 1]; i++) {
                    set[postings[i] >>> 6] |= 1L << postings[i];
                }
            }
            return RowMask.of(set);
        }
    }

    private record NumberColumn(int rows, double[] values) implements Column {
        public Kind kind() {
            return Kind.NUMBER;
        }

        public long bytes() {
            return 8L * values.length;
        }

        public RowMask compare(Filter.Facet facet, Filter.Op op, Filter.Literal value) {
            if (!(value instanceof Filter.Number number)) {
                throw wrongValue(facet, Kind.NUMBER, value, "compare it with a number");
            }
            double x = number.value();
            long[] set = new long[RowMask.wordCount(rows)];
            for (int r = 0; r < rows; r++) {
                double v = values[r];
                boolean hit = switch (op) {
                    case EQ -> v == x;
                    case LT -> v < x;
                    case LE -> v <= x;
                    case GT -> v > x;
                    case GE -> v >= x;
                    case NE -> throw new IllegalStateException("!= is evaluated as not =");
                };
                if (hit) {
                    set[r >>> 6] |= 1L << r;
                }
            }
            return RowMask.of(set);
        }
    }

    private record BooleanColumn(RowMask trues, RowMask falses) implements Column {
        public Kind kind() {
            return Kind.BOOLEAN;
        }

        public long bytes() {
            return 2L * trues.words().length * Long.BYTES;
        }

        public RowMask compare(Filter.Facet facet, Filter.Op op, Filter.Literal value) {
            if (!(value instanceof Filter.Bool bool) || op != Filter.Op.EQ) {
                throw wrongValue(facet, Kind.BOOLEAN, value, "compare it with = or != to true or false");
            }
            return bool.value() ? trues : falses;
        }

        @Override
        public RowMask flag(Filter.Facet facet) {
            return trues;
        }
    }

    /** Collects facet values row by row, in row order. */
    public static Builder builder(int rows) {
        return new Builder(rows);
    }

    public static final class Builder {
        private final int rows;
        private final Map<String, Kind> kinds = new LinkedHashMap<>();
        private final Set<String> declared = new java.util.LinkedHashSet<>();
        private final Map<String, TreeMap<String, List<Integer>>> text = new HashMap<>();
        private final Map<String, String[]> first = new HashMap<>();
        private final Map<String, double[]> numbers = new HashMap<>();
        private final Map<String, long[][]> booleans = new HashMap<>();
        private long ignored;

        private Builder(int rows) {
            this.rows = rows;
        }

        /** Makes the facet known even if no row gets a value for it. */
        public Builder declare(String facet) {
            declared.add(facet);
            return this;
        }

        /** Adds one row's value of a facet: a String, a list of Strings, a Number or a Boolean. */
        public Builder add(int row, String facet, Object value) {
            Kind kind = kindOf(value);
            if (kind == null) {
                ignored++;
                return this;
            }
            Kind known = kinds.putIfAbsent(facet, kind);
            if (known != null && known != kind) {
                ignored++;
                return this;
            }
            switch (kind) {
                case TEXT -> {
                    List<?> values = value instanceof List<?> list ? list : List.of(value);
                    TreeMap<String, List<Integer>> postings = text.computeIfAbsent(facet, f -> new TreeMap<>());
                    String[] firsts = first.computeIfAbsent(facet, f -> new String[rows]);
                    for (Object v : values) {
                        List<Integer> list = postings.computeIfAbsent((String) v, s -> new ArrayList<>());
                        if (list.isEmpty() || list.get(list.size() - 1) != row) {
                            list.add(row);
                        }
                    }
                    if (firsts[row] == null) {
                        firsts[row] = (String) values.get(0);
                    }
                }
                case NUMBER -> numbers.computeIfAbsent(facet, f -> nans(rows))[row] = ((Number) value).doubleValue();
                case BOOLEAN -> {
                    long[][] sets = booleans.computeIfAbsent(facet,
                            f -> new long[][] {new long[RowMask.wordCount(rows)], new long[RowMask.wordCount(rows)]});
                    sets[(Boolean) value ? 0 : 1][row >>> 6] |= 1L << row;
                }
            }
            return this;
        }

        public FacetColumns build() {
            Map<String, Column> columns = new LinkedHashMap<>();
            for (Map.Entry<String, Kind> e : kinds.entrySet()) {
                String facet = e.getKey();
                Kind kind = e.getValue();
                columns.put(facet, kind == Kind.TEXT ? textColumn(facet)
                        : kind == Kind.NUMBER ? new NumberColumn(rows, numbers.get(facet))
                        : new BooleanColumn(RowMask.of(booleans.get(facet)[0]), RowMask.of(booleans.get(facet)[1])));
            }
            for (String facet : declared) {
                columns.putIfAbsent(facet, new EmptyColumn(rows));
            }
            return new FacetColumns(rows, Map.copyOf(columns), ignored);
        }

        private TextColumn textColumn(String facet) {
            TreeMap<String, List<Integer>> postings = text.get(facet);
            String[] dictionary = postings.keySet().toArray(String[]::new);
            Map<String, Integer> ids = new HashMap<>(dictionary.length * 2);
            int[] offsets = new int[dictionary.length + 1];
            int total = 0;
            for (int id = 0; id < dictionary.length; id++) {
                ids.put(dictionary[id], id);
                offsets[id] = total;
                total += postings.get(dictionary[id]).size();
            }
            offsets[dictionary.length] = total;
            int[] flat = new int[total];
            int n = 0;
            for (List<Integer> list : postings.values()) {
                for (int row : list) {
                    flat[n++] = row;
                }
            }
            String[] firstValue = first.get(facet);
            int[] firsts = new int[rows];
            for (int row = 0; row < rows; row++) {
                firsts[row] = firstValue[row] == null ? -1 : ids.get(firstValue[row]);
            }
            return new TextColumn(rows, dictionary, Map.copyOf(ids), offsets, flat, firsts);
        }

        private static Kind kindOf(Object value) {
            if (value instanceof String) {
                return Kind.TEXT;
            }
            if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(v -> v instanceof String)) {
                return Kind.TEXT;
            }
            if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                return Kind.NUMBER;
            }
            if (value instanceof Boolean) {
                return Kind.BOOLEAN;
            }
            return null;
        }

        private static double[] nans(int rows) {
            double[] a = new double[rows];
            Arrays.fill(a, Double.NaN);
            return a;
        }
    }
}
