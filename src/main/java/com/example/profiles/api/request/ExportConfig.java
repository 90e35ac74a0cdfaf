package com.example.profiles.api.request;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The NDJSON export of every profile. */
@ConfigMapping(prefix = "profiles.export")
public interface ExportConfig {

    @WithDefault("4")
    int defaultSegments();

    /** Upper bound of {@code ?segments=}, so one caller cannot open unbounded parallel scans. */
    @WithDefault("16")
    int maxSegments();
}
