package com.example.profiles.recommend;

import java.util.Collection;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.error.ProblemException;
import com.example.profiles.facet.FilterException;
import com.example.profiles.facet.FilterParser;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.ranking.Grouping;

/**
 * A request's constraints resolved against one catalog snapshot: the rows that may be ranked (those its filter
 * lets through, less those it excludes) and its grouping.
 *
 * @param rows          the rows that may be ranked; null when every row may
 * @param passed        how many rows may be ranked
 * @param filterShare   the share of the catalog the filter alone let through (1 without a filter)
 */
record Constraints(RowMask rows, int passed, Grouping grouping, double filterShare) {

    /**
     * The request's filter, grouping and {@code exclude_ids}, checked against the snapshot.
     *
     * @throws ProblemException 400 when the filter does not parse or names an unknown facet, or {@code max_per}
     *                          names a facet that cannot group
     */
    static Constraints resolve(Catalog catalog, RecommendRequest request) {
        RowMask rows = null;
        if (request.filter() != null) {
            try {
                rows = catalog.facets().evaluate(FilterParser.parse(request.filter()));
            } catch (FilterException e) {
                throw ProblemException.badRequest("filter: " + e.getMessage());
            }
        }
        Grouping grouping = null;
        if (request.maxPer() != null) {
            try {
                grouping = new Grouping(request.maxPer().facet(), catalog.facets().groups(request.maxPer().facet()),
                        request.maxPer().count());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("max_per: " + e.getMessage());
            }
        }
        int passed = rows == null ? catalog.size() : rows.count();
        double share = rows == null || catalog.size() == 0 ? 1.0 : rows.selectivity(catalog.size());
        return new Constraints(rows, passed, grouping, share).excluding(catalog, request.excludeIds());
    }

    /** These constraints, also excluding the items {@code ids} and the {@code extraRows}; unknown ids are ignored. */
    Constraints excluding(Catalog catalog, Collection<String> ids, int... extraRows) {
        int[] excluded = new int[ids.size() + extraRows.length];
        int n = 0;
        for (String id : ids) {
            Integer row = catalog.rowOf(id);
            if (row != null) {
                excluded[n++] = row;
            }
        }
        System.arraycopy(extraRows, 0, excluded, n, extraRows.length);
        n += extraRows.length;
        if (n == 0) {
            return this;
        }
        RowMask all = rows == null ? RowMask.all(catalog.size()) : rows;
        RowMask remaining = all.without(java.util.Arrays.copyOf(excluded, n));
        return remaining == all ? this : new Constraints(remaining, remaining.count(), grouping, filterShare);
    }

    /** Whether no row may be ranked. */
    boolean nothingPasses() {
        return rows != null && rows.count() == 0;
    }
}
