package com.example.profiles.provision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether the pod creates its tables itself, and how. */
@ConfigMapping(prefix = "profiles")
public interface ProvisionConfig {

    /**
     * Create missing tables at start (streams NEW_AND_OLD_IMAGES, on-demand billing) and wait for
     * ACTIVE. On in dev and test; off in prod, where tables are provisioned separately.
     */
    @WithDefault("false")
    boolean createTables();

    /**
     * Whether tables created at start get their NEW_AND_OLD_IMAGES stream (env
     * PROFILES_CREATE_TABLES_STREAMS). On by default, as global tables need it; off in dev mode,
     * where nothing reads the stream and the local engine writes several times slower with one
     * (the demo catalog took ~33 s instead of ~6-13 s to seed on disk).
     */
    @WithDefault("true")
    boolean createTablesStreams();
}
