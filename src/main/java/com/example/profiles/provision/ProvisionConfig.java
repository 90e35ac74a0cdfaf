package com.example.profiles.provision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether the pod creates its tables itself. */
@ConfigMapping(prefix = "profiles")
public interface ProvisionConfig {

    /**
     * Create missing tables at start (streams NEW_AND_OLD_IMAGES, on-demand billing) and wait for
     * ACTIVE. On in dev and test; off in prod, where tables are provisioned separately.
     */
    @WithDefault("false")
    boolean createTables();
}
