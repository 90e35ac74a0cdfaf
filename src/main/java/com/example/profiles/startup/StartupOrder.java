package com.example.profiles.startup;

/**
 * The order in which start-up observers run ({@code @Observes @Priority(...) StartupEvent}; lower
 * runs first), in one place so that each step's dependency on the ones before it can be read here.
 */
public final class StartupOrder {

    /** Dev mode's own DynamoDB engine: before anything touches the store. */
    public static final int LOCAL_ENGINE = 10;
    /** Dev mode's JWT keys: before the first request can arrive. */
    public static final int DEV_KEYS = 10;
    /** The check that authentication is configured, once dev keys exist. */
    public static final int AUTH_CHECK = DEV_KEYS + 1;
    /** Creating missing tables (profiles.create-tables), once the engine answers. */
    public static final int TABLES = 100;
    /** Seeding the demo catalog and users, once the tables exist. */
    public static final int DEMO_DATA = 200;
    /** The catalog's first load, once demo data is in the Items table. */
    public static final int CATALOG = 300;

    private StartupOrder() {
    }
}
