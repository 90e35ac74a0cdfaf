package com.example.profiles.recommend;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import com.example.profiles.catalog.Catalog;
import com.example.profiles.error.ProblemException;
import com.example.profiles.facet.FilterException;
import com.example.profiles.facet.FilterParser;
import com.example.profiles.facet.RowSet;
import com.example.profiles.kernel.RowMask;
import com.example.profiles.ranking.Grouping;

/**
 * A request's constraints resolved against one catalog snapshot: the rows its filter lets through, the
 * rows it excludes, its grouping, and how many rows pass them all.
 *
 * @param mask     rows passing the filter, or null without a filter
 * @param excluded rows left out by {@code exclude=seen}, {@code exclude_ids} or the item itself; null when none
 * @param passed   rows that pass the filter and are not excluded
 */
record Constraints(RowMask mask, IntPredicate excluded, Grouping grouping, int passed, Set<Integer> excludedRows) {

    /**
     * @throws ProblemException 400 when the filter does not parse or names an unknown facet, or {@code max_per}
     *                          names a facet that cannot group
     */
    static Constraints resolve(Catalog catalog, RecommendRequest request) {
        RowMask mask = null;
        if (request.filter() != null) {
            try {
                RowSet rows = catalog.facets().evaluate(FilterParser.parse(request.filter()));
                mask = new RowMask(rows.words(), rows.cardinality());
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
        return new Constraints(mask, null, grouping, mask == null ? catalog.size() : mask.count(), Set.of())
                .excluding(catalog, request.excludeIds(), List.of());
    }

    /** These constraints, also excluding the items {@code ids} and the {@code rows}; unknown ids are ignored. */
    Constraints excluding(Catalog catalog, Collection<String> ids, Collection<Integer> rows) {
        Set<Integer> all = new HashSet<>(excludedRows);
        for (String id : ids) {
            Integer row = catalog.rowOf(id);
            if (row != null) {
                all.add(row);
            }
        }
        all.addAll(rows);
        if (all.size() == excludedRows.size()) {
            return this;
        }
        int passing = mask == null ? catalog.size() : mask.count();
        for (int row : all) {
            if (mask == null || mask.contains(row)) {
                passing--;
            }
        }
        Set<Integer> frozen = Set.copyOf(all);
        return new Constraints(mask, frozen::contains, grouping, passing, frozen);
    }

    /** Share of the catalog the filter lets through (1 without a filter). */
    double selectivity(int catalogSize) {
        return mask == null || catalogSize == 0 ? 1.0 : mask.selectivity(catalogSize);
    }
}
