package com.example.profiles.provision;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.example.profiles.attribution.AttributionConfig;
import com.example.profiles.attribution.CounterTable;
import com.example.profiles.catalog.ItemChanges;
import com.example.profiles.catalog.ItemSchema;
import com.example.profiles.config.RecommendConfig;
import com.example.profiles.dynamo.TableSpec;
import com.example.profiles.event.EventConfig;
import com.example.profiles.event.EventSchema;
import com.example.profiles.history.FeatureHistoryConfig;
import com.example.profiles.history.FeatureHistoryStore;
import com.example.profiles.profile.ProfileConfig;
import com.example.profiles.profile.ProfileSchema;

/**
 * The service's tables: configured names, keys from each table's schema. Start-up creation and the
 * {@code provision} command create exactly these.
 */
@ApplicationScoped
public class ServiceTables {

    private final List<TableSpec> all;

    public ServiceTables(ProfileConfig profiles, RecommendConfig recommend, EventConfig events, FeatureHistoryConfig history,
                         AttributionConfig attribution) {
        this.all = List.of(
                TableSpec.of(profiles.table(), ProfileSchema.SCHEMA).withTtl(ProfileSchema.EXPIRES_AT),
                TableSpec.of(recommend.itemsTable(), ItemSchema.SCHEMA)
                        .withIndex(ItemChanges.INDEX_SPEC).withTtl(ItemChanges.EXPIRES_AT),
                EventSchema.table(events.table()),
                FeatureHistoryStore.table(history.table()),
                CounterTable.table(attribution.table()));
    }

    public List<TableSpec> all() {
        return all;
    }
}
