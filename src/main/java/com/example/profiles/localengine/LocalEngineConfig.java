package com.example.profiles.localengine;

import java.nio.file.Path;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The dynoxide engine that dev mode starts by itself; unused in prod. */
@ConfigMapping(prefix = "profiles.local-engine")
public interface LocalEngineConfig {

    @WithDefault("false")
    boolean enabled();

    @WithDefault("node_modules/@dynoxide/linux-x64/dynoxide")
    Path binary();

    @WithDefault("8765")
    int port();

    /** On-disk database, so that a restart of dev mode keeps its data. */
    @WithDefault("target/dynoxide-dev.db")
    Path dbPath();
}
