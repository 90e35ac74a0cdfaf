package com.example.profiles.facet;

import java.util.List;

/**
 * A parsed filter expression over item facets (see {@link FilterParser} for the grammar). Every node keeps
 * the 1-based position of its text, so that an error found later (an unknown facet, a type mismatch) can
 * point at it.
 */
public sealed interface Filter {

    /** Comparison operators, with their spelling in the language. */
    enum Op {
        EQ("="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">=");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    /** A literal value: a string, a number or a boolean. */
    sealed interface Literal {
        int position();
    }

    record Text(String value, int position) implements Literal {
    }

    record Number(double value, int position) implements Literal {
    }

    record Bool(boolean value, int position) implements Literal {
    }

    /** A facet name as written, without the optional {@code attributes.} prefix. */
    record Facet(String name, int position) {
    }

    record And(Filter left, Filter right) implements Filter {
    }

    record Or(Filter left, Filter right) implements Filter {
    }

    record Not(Filter operand) implements Filter {
    }

    record Compare(Facet facet, Op op, Literal value) implements Filter {
    }

    record In(Facet facet, List<Literal> values) implements Filter {
    }

    /** A bare boolean facet such as {@code in_stock}. */
    record Flag(Facet facet) implements Filter {
    }
}
