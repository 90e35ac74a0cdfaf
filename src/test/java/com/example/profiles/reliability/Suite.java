package com.example.profiles.reliability;

/**
 * Which variant of a reliability suite runs: the short smoke variant in the default build, the
 * full one under {@code -Preliability-suites} (which sets {@code reliability.full=true}).
 */
final class Suite {

    private Suite() {
    }

    static boolean full() {
        return Boolean.getBoolean("reliability.full");
    }

    static long seed() {
        return Long.getLong("reliability.seed", 20240611L);
    }
}
