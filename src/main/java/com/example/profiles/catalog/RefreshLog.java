package com.example.profiles.catalog;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the refreshes of this pod did since start: the last one, and counts per kind. */
final class RefreshLog {

    private final Map<CatalogRefresh.Kind, LongAdder> itemsRead = counters();
    private final Map<CatalogRefresh.Kind, LongAdder> refreshes = counters();
    private volatile CatalogRefresh last;

    private static Map<CatalogRefresh.Kind, LongAdder> counters() {
        Map<CatalogRefresh.Kind, LongAdder> counters = new EnumMap<>(CatalogRefresh.Kind.class);
        for (CatalogRefresh.Kind kind : CatalogRefresh.Kind.values()) {
            counters.put(kind, new LongAdder());
        }
        return counters;
    }

    void record(CatalogRefresh refresh) {
        last = refresh;
        itemsRead.get(refresh.kind()).add(refresh.itemsRead());
        refreshes.get(refresh.kind()).increment();
    }

    CatalogRefresh last() {
        return last;
    }

    long itemsRead(CatalogRefresh.Kind kind) {
        return itemsRead.get(kind).sum();
    }

    long refreshes(CatalogRefresh.Kind kind) {
        return refreshes.get(kind).sum();
    }
}
