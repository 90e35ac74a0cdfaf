package com.example.profiles.facet;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Strict recursive-descent parser of the filter language. The text is only ever tokenised and turned into
 * a {@link Filter} tree; nothing is concatenated into anything executable.
 *
 * <pre>
 *   expr       := and ("or" and)*
 *   and        := unary ("and" unary)*
 *   unary      := "not" unary | "(" expr ")" | facet [op literal | "in" "(" literal ("," literal)* ")"]
 *   op         := "=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;="
 *   literal    := "string" | 'string' | number | true | false
 *   facet      := name | "attributes." name        (name: letters, digits, _ and -, starting with a letter or _)
 * </pre>
 * Keywords are case-insensitive. A facet alone is a boolean test ({@code in_stock}). Strings take {@code \"},
 * {@code \'} and {@code \\} escapes.
 */
public final class FilterParser {

    /** Longest filter text accepted. */
    public static final int MAX_LENGTH = 4096;
    /** Deepest nesting of parentheses and {@code not} accepted (keeps the parser's stack small). */
    static final int MAX_DEPTH = 64;
    /** Most values in one {@code in (...)} list. */
    static final int MAX_IN_VALUES = 1000;

    private final String text;
    private int pos;
    private int depth;

    private FilterParser(String text) {
        this.text = text;
    }

    /** @throws FilterException naming what is wrong and its 1-based position */
    public static Filter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FilterException("the filter is empty", 1);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterException("the filter is longer than " + MAX_LENGTH + " characters", MAX_LENGTH + 1);
        }
        FilterParser parser = new FilterParser(text);
        Filter filter = parser.expr();
        parser.skipSpace();
        if (parser.pos < text.length()) {
            throw parser.error("unexpected '" + parser.peekWord() + "'; expected and, or or the end");
        }
        return filter;
    }

    private Filter expr() {
        Filter left = and();
        while (keyword("or")) {
            left = new Filter.Or(left, and());
        }
        return left;
    }

    private Filter and() {
        Filter left = unary();
        while (keyword("and")) {
            left = new Filter.And(left, unary());
        }
        return left;
    }

    private Filter unary() {
        skipSpace();
        if (++depth > MAX_DEPTH) {
            throw error("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (keyword("not")) {
                return new Filter.Not(unary());
            }
            if (symbol("(")) {
                Filter inner = expr();
                expect(")");
                return inner;
            }
            Filter.Facet facet = facet();
            if (keyword("in")) {
                expect("(");
                List<Filter.Literal> values = new ArrayList<>();
                do {
                    if (values.size() == MAX_IN_VALUES) {
                        throw error("an in (...) list holds at most " + MAX_IN_VALUES + " values");
                    }
                    values.add(literal());
                } while (symbol(","));
                expect(")");
                return new Filter.In(facet, List.copyOf(values));
            }
            Filter.Op op = op();
            return op == null ? new Filter.Flag(facet) : new Filter.Compare(facet, op, literal());
        } finally {
            depth--;
        }
    }

    private Filter.Facet facet() {
        skipSpace();
        int start = pos;
        String name = name();
        if (name == null || isKeyword(name)) {
            pos = start;
            throw error(pos >= text.length() ? "the filter ends where a facet name is expected"
                    : "expected a facet name, not '" + peekWord() + "'");
        }
        if (name.equals("attributes") && pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            name = name();
            if (name == null) {
                throw error("expected a facet name after 'attributes.'");
            }
        }
        return new Filter.Facet(name, start + 1);
    }

    private String name() {
        int start = pos;
        if (pos < text.length() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos);
        }
        return null;
    }

    private Filter.Op op() {
        skipSpace();
        for (String s : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (text.startsWith(s, pos)) {
                pos += s.length();
                return switch (s) {
                    case "!=" -> Filter.Op.NE;
                    case "<=" -> Filter.Op.LE;
                    case ">=" -> Filter.Op.GE;
                    case "=" -> Filter.Op.EQ;
                    case "<" -> Filter.Op.LT;
                    default -> Filter.Op.GT;
                };
            }
        }
        return null;
    }

    private Filter.Literal literal() {
        skipSpace();
        int start = pos + 1;
        if (pos >= text.length()) {
            throw error("the filter ends where a value is expected");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return new Filter.Text(string(c), start);
        }
        if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
            return new Filter.Number(number(), start);
        }
        String word = name();
        if (word != null && word.equalsIgnoreCase("true")) {
            return new Filter.Bool(true, start);
        }
        if (word != null && word.equalsIgnoreCase("false")) {
            return new Filter.Bool(false, start);
        }
        pos = start - 1;
        throw error("expected a value (a quoted string, a number, true or false), not '" + peekWord() + "'");
    }

    private String string(char quote) {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                if (e != '"' && e != '\'' && e != '\\') {
                    pos -= 2;
                    throw error("unknown escape '\\" + e + "' in a string (only \\\", \\' and \\\\)");
                }
                value.append(e);
            } else {
                value.append(c);
            }
        }
        pos = start;
        throw error("unterminated string");
    }

    private double number() {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE".indexOf(text.charAt(pos)) >= 0
                || ((text.charAt(pos) == '-' || text.charAt(pos) == '+')
                    && (text.charAt(pos - 1) == 'e' || text.charAt(pos - 1) == 'E')))) {
            pos++;
        }
        String token = text.substring(start, pos);
        try {
            double value = Double.parseDouble(token);
            if (Double.isFinite(value) && !token.endsWith(".") && !token.startsWith(".")) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        pos = start;
        throw error("'" + token + "' is not a number");
    }

    private boolean keyword(String word) {
        skipSpace();
        int end = pos + word.length();
        if (text.regionMatches(true, pos, word, 0, word.length())
                && (end == text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean symbol(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!symbol(s)) {
            throw error(pos >= text.length() ? "the filter ends where '" + s + "' is expected"
                    : "expected '" + s + "', not '" + peekWord() + "'");
        }
    }

    private static boolean isKeyword(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "and", "or", "not", "in", "true", "false" -> true;
            default -> false;
        };
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private String peekWord() {
        int end = pos;
        while (end < text.length() && end - pos < 20 && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return end == pos ? text.substring(pos, Math.min(text.length(), pos + 1)) : text.substring(pos, end);
    }

    private FilterException error(String message) {
        return new FilterException(message, Math.min(pos, text.length()) + 1);
    }
}
